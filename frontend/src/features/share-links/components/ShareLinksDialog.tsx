// Sharing a list's dashboard or a campaign's report (owners): make a public, read-only link, see it
// once to copy it, and revoke the links already handed out (after asking).
import { useId, useState } from 'react';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import Modal from 'react-bootstrap/Modal';
import Table from 'react-bootstrap/Table';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { CredentialStatus } from '@/components/ui/CredentialStatus';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { OneTimeSecret } from '@/components/ui/OneTimeSecret';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { WideTable } from '@/components/ui/WideTable';
import { ApiProblem } from '@/lib/api/problem';
import { formatDateTime, formatDay, formatRelativeTime } from '@/lib/format';
import { useCreateShareLink, type CreatedShareLink } from '../api/create-share-link';
import { useShareLinks } from '../api/get-share-links';
import { useRevokeShareLink } from '../api/revoke-share-link';
import type { ShareLink, ShareTarget } from '../api/share-target';

/** What each kind of link shows, in the dialog's words. */
const SHOWN = {
  list: {
    thing: 'dashboard',
    explanation:
      'Anyone with a link sees this list’s dashboard without logging in: the numbers, not your notes or tags. They cannot change anything. Revoke a link to stop it working.',
  },
  campaign: {
    thing: 'report',
    explanation:
      'Anyone with a link sees this campaign’s report without logging in: costs, posts, views, orders and revenue, not contacts, tracking links, order ids or discount codes. They cannot change anything. Revoke a link to stop it working.',
  },
} as const;

/** The end of a chosen day in the viewer's time zone, as the API wants it: "2026-12-31" → RFC 3339. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

function CreateShareLinkForm({
  target,
  onCreated,
}: {
  target: ShareTarget;
  onCreated: (link: CreatedShareLink) => void;
}) {
  const createMutation = useCreateShareLink(target);
  const [expiresOn, setExpiresOn] = useState('');
  const fieldErrors = createMutation.error instanceof ApiProblem ? createMutation.error.fieldErrors() : {};

  return (
    <Form
      noValidate
      aria-label="New share link"
      onSubmit={(event) => {
        event.preventDefault();
        createMutation.mutate(expiresOn ? endOfDay(expiresOn) : null, { onSuccess: onCreated });
      }}
    >
      <ProblemAlert error={createMutation.error} fieldsShownInline={['expires_at']} />
      <div className="d-flex flex-wrap align-items-start gap-3">
        <TextField
          label="Expires on (optional)"
          type="date"
          value={expiresOn}
          onChange={setExpiresOn}
          error={fieldErrors.expires_at}
          help="The link works until the end of that day. Empty: until you revoke it."
          className="mb-0 flex-grow-1"
        />
        <SubmitButton pending={createMutation.isPending} className="mt-md-4">
          Create link
        </SubmitButton>
      </div>
    </Form>
  );
}

function ShareLinkTable({ target, links }: { target: ShareTarget; links: ShareLink[] }) {
  const revokeMutation = useRevokeShareLink(target);
  const { thing } = SHOWN[target.kind];
  const [revoking, setRevoking] = useState<ShareLink | null>(null);
  // Read once: whether a link has expired need not tick over while the dialog is open.
  const [now] = useState(() => Date.now());
  const close = () => {
    revokeMutation.reset();
    setRevoking(null);
  };
  return (
    <>
      <WideTable>
        <Table size="sm" className="align-middle mb-0">
          <caption className="caption-top">Links to this {thing}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Link</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id}>
                <td>
                  <code>{link.prefix}…</code>
                </td>
                <td className="text-nowrap" title={formatDateTime(link.created_at)}>
                  {formatDay(link.created_at)}
                  {link.created_by && <div className="small text-body-secondary">by {link.created_by}</div>}
                </td>
                <td className="text-nowrap">{link.expires_at ? formatDateTime(link.expires_at) : 'Never'}</td>
                <td className="text-nowrap">
                  {link.last_used_at ? (
                    <span title={formatDateTime(link.last_used_at)}>{formatRelativeTime(link.last_used_at)}</span>
                  ) : (
                    'Never'
                  )}
                </td>
                <td>
                  <CredentialStatus revokedAt={link.revoked_at} expiresAt={link.expires_at} now={now} />
                </td>
                <td className="text-end">
                  {!link.revoked_at && (
                    <Button
                      variant="outline-danger"
                      size="sm"
                      onClick={() => setRevoking(link)}
                      aria-label={`Revoke link ${link.prefix}`}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </WideTable>
      <ConfirmDialog
        show={revoking !== null}
        title={`Revoke the link ${revoking?.prefix ?? ''}…?`}
        confirmLabel="Revoke link"
        pending={revokeMutation.isPending}
        error={revokeMutation.error}
        onCancel={close}
        onConfirm={() => revoking && revokeMutation.mutate(revoking.id, { onSuccess: close })}
      >
        Anyone who has it loses sight of this {thing} at once. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}

type ShareLinksDialogProps = {
  target: ShareTarget;
  /** The list's or the campaign's name, for the title. */
  name: string;
  show: boolean;
  onClose: () => void;
};

export function ShareLinksDialog({ target, name, show, onClose }: ShareLinksDialogProps) {
  const titleId = useId();
  const linksQuery = useShareLinks(target, { enabled: show });
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };

  return (
    <Modal show={show} onHide={close} centered size="lg" aria-labelledby={titleId}>
      <Modal.Header closeButton>
        <Modal.Title id={titleId} as="h2" className="h5">
          Share “{name}”
        </Modal.Title>
      </Modal.Header>
      <Modal.Body>
        <p>{SHOWN[target.kind].explanation}</p>
        {created ? (
          <OneTimeSecret
            label="Share link"
            value={`${window.location.origin}${created.path}`}
            onDone={() => setCreated(null)}
          >
            <p className="mb-0">
              {created.link.expires_at
                ? `It works until ${formatDateTime(created.link.expires_at)}.`
                : 'It works until you revoke it.'}
            </p>
          </OneTimeSecret>
        ) : (
          <CreateShareLinkForm target={target} onCreated={setCreated} />
        )}
        <hr />
        {linksQuery.isPending && <LoadingState label="Loading links…" />}
        {linksQuery.isError && (
          <ErrorState
            title="Could not load the links."
            error={linksQuery.error}
            onRetry={() => void linksQuery.refetch()}
          />
        )}
        {linksQuery.isSuccess &&
          (linksQuery.data.length === 0 ? (
            <p className="text-body-secondary mb-0">No links yet.</p>
          ) : (
            <ShareLinkTable target={target} links={linksQuery.data} />
          ))}
      </Modal.Body>
    </Modal>
  );
}
