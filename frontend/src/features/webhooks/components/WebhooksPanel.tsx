// Settings → Webhooks (owners): endpoints that receive the workspace's events as they are recorded.
// Making one, or rotating its secret, shows the signing secret once; each endpoint says whether it
// is active, paused, failing or turned off (and why), and opens its delivery log.
import { useId, useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { describeError } from '@/lib/api/problem';
import { eventTypeLabel } from '@/lib/event-types';
import { formatDateTime, formatDay, formatRelativeTime } from '@/lib/format';
import { useCreateWebhook } from '../api/create-webhook';
import { useDeleteWebhook } from '../api/delete-webhook';
import { useWebhooks, type Webhook } from '../api/get-webhooks';
import { useUpdateWebhook } from '../api/update-webhook';
import { DeliveriesLog } from './DeliveriesLog';
import { WebhookFormDialog, type WebhookValues } from './WebhookFormDialog';
import { WebhookSecret } from './WebhookSecret';

const NEW_ENDPOINT: WebhookValues = { url: '', description: '', event_types: ['video.viral', 'creator.rising'] };

type ShownSecret = { label: string; secret: string };

/** How an endpoint is named in buttons and dialogs: its description, else its URL. */
function nameOf(webhook: Webhook): string {
  return webhook.description || webhook.url;
}

function statusOf(webhook: Webhook): { label: string; bg: string; text?: 'dark'; detail?: string } {
  if (!webhook.enabled && webhook.disabled_reason) {
    return { label: 'Turned off', bg: 'danger', detail: `zzyzx turned it off: ${webhook.disabled_reason}` };
  }
  if (!webhook.enabled)
    return { label: 'Paused', bg: 'secondary', detail: 'Nothing is sent to it until you resume it.' };
  if (webhook.failing_since) {
    return {
      label: 'Failing',
      bg: 'warning',
      text: 'dark',
      detail: `Every delivery has failed since ${formatDateTime(webhook.failing_since)}. zzyzx keeps trying, and turns it off after days of failures.`,
    };
  }
  return { label: 'Active', bg: 'success' };
}

/** What the pause button does for an endpoint in this state. */
function toggleOf(webhook: Webhook): { label: string; enabled: boolean } {
  if (webhook.enabled) return { label: 'Pause', enabled: false };
  return { label: webhook.disabled_reason ? 'Turn back on' : 'Resume', enabled: true };
}

function WebhookCard({ webhook }: { webhook: Webhook }) {
  const titleId = useId();
  const logId = useId();
  // One PATCH each for pausing, editing and rotating, so each shows its own progress and refusal.
  const updateMutation = useUpdateWebhook();
  const editMutation = useUpdateWebhook();
  const rotateMutation = useUpdateWebhook();
  const deleteMutation = useDeleteWebhook();
  const [editing, setEditing] = useState(false);
  // A new key each time the form opens, so it starts from the endpoint as it is now.
  const [editKey, setEditKey] = useState(0);
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const status = statusOf(webhook);
  const toggle = toggleOf(webhook);
  const name = nameOf(webhook);
  const closeConfirm = () => {
    rotateMutation.reset();
    deleteMutation.reset();
    setConfirming(null);
  };
  const closeEdit = () => {
    editMutation.reset();
    setEditing(false);
  };

  return (
    <li className="mb-3">
      <section className="card card-body" aria-labelledby={titleId}>
        <div className="d-flex flex-wrap align-items-start justify-content-between gap-2">
          <div className="min-w-0">
            <h3 id={titleId} className="h6 mb-1 font-monospace text-break">
              {webhook.url}
            </h3>
            {webhook.description && <div className="text-break">{webhook.description}</div>}
          </div>
          <Badge bg={status.bg} text={status.text}>
            {status.label}
          </Badge>
        </div>
        {status.detail && <p className="small mt-2 mb-1">{status.detail}</p>}
        <p className="small text-body-secondary mt-2 mb-2">
          Sends: {webhook.event_types.map(eventTypeLabel).join(', ')}. Created{' '}
          <span title={formatDateTime(webhook.created_at)}>{formatDay(webhook.created_at)}</span>, changed{' '}
          <span title={formatDateTime(webhook.updated_at)}>{formatRelativeTime(webhook.updated_at)}</span>.
        </p>
        <div className="d-flex flex-wrap gap-2">
          <Button
            variant="outline-primary"
            size="sm"
            disabled={updateMutation.isPending}
            onClick={() => updateMutation.mutate({ id: webhook.id, changes: { enabled: toggle.enabled } })}
            aria-label={`${toggle.label} ${name}`}
          >
            {toggle.label}
          </Button>
          <Button
            variant="outline-secondary"
            size="sm"
            onClick={() => {
              setEditKey(editKey + 1);
              setEditing(true);
            }}
            aria-label={`Edit ${name}`}
          >
            Edit
          </Button>
          <Button
            variant="outline-secondary"
            size="sm"
            onClick={() => setConfirming('rotate')}
            aria-label={`Rotate secret of ${name}`}
          >
            Rotate secret
          </Button>
          <Button
            variant="outline-danger"
            size="sm"
            onClick={() => setConfirming('delete')}
            aria-label={`Delete ${name}`}
          >
            Delete
          </Button>
          <Button
            variant="link"
            size="sm"
            aria-expanded={logOpen}
            aria-controls={logId}
            onClick={() => setLogOpen(!logOpen)}
          >
            {logOpen ? 'Hide deliveries' : 'Show deliveries'}
          </Button>
        </div>
        {updateMutation.isError && (
          <div role="alert" className="small text-danger mt-2">
            Could not change it: {describeError(updateMutation.error)}
          </div>
        )}
        <div aria-live="polite">
          {secret && (
            <div className="mt-3">
              <WebhookSecret label={secret.label} secret={secret.secret} onDone={() => setSecret(null)} />
            </div>
          )}
        </div>
        <div id={logId} className="mt-3" hidden={!logOpen}>
          {logOpen && <DeliveriesLog webhookId={webhook.id} />}
        </div>
      </section>

      <WebhookFormDialog
        key={editKey}
        show={editing}
        title={`Edit ${name}`}
        submitLabel="Save endpoint"
        initial={{ url: webhook.url, description: webhook.description, event_types: webhook.event_types }}
        pending={editMutation.isPending}
        error={editMutation.error}
        onCancel={closeEdit}
        onSubmit={(values) => editMutation.mutate({ id: webhook.id, changes: values }, { onSuccess: closeEdit })}
      />
      <ConfirmDialog
        show={confirming === 'rotate'}
        title={`Rotate the secret of “${name}”?`}
        confirmLabel="Rotate secret"
        pending={rotateMutation.isPending}
        error={rotateMutation.error}
        onCancel={closeConfirm}
        onConfirm={() =>
          rotateMutation.mutate(
            { id: webhook.id, changes: { rotate_secret: true } },
            {
              onSuccess: (rotated) => {
                closeConfirm();
                if (rotated.secret) setSecret({ label: `New signing secret for “${name}”`, secret: rotated.secret });
              },
            },
          )
        }
      >
        The old secret stops working at once: deliveries from now on are signed with the new one, shown once. Update the
        receiver straight away.
      </ConfirmDialog>
      <ConfirmDialog
        show={confirming === 'delete'}
        title={`Delete “${name}”?`}
        confirmLabel="Delete endpoint"
        pending={deleteMutation.isPending}
        error={deleteMutation.error}
        onCancel={closeConfirm}
        onConfirm={() => deleteMutation.mutate(webhook.id)}
      >
        Nothing more is sent to it, and its delivery log goes with it. This cannot be undone.
      </ConfirmDialog>
    </li>
  );
}

export function WebhooksPanel() {
  const webhooksQuery = useWebhooks();
  const createMutation = useCreateWebhook();
  const [creating, setCreating] = useState(false);
  const [createKey, setCreateKey] = useState(0);
  const [created, setCreated] = useState<ShownSecret | null>(null);
  const closeCreate = () => {
    createMutation.reset();
    setCreating(false);
  };

  return (
    <>
      <div aria-live="polite">
        {created && <WebhookSecret label={created.label} secret={created.secret} onDone={() => setCreated(null)} />}
      </div>
      <Button
        onClick={() => {
          setCreated(null);
          setCreateKey(createKey + 1);
          setCreating(true);
        }}
      >
        New endpoint
      </Button>
      <WebhookFormDialog
        key={createKey}
        show={creating}
        title="New webhook endpoint"
        submitLabel="Create endpoint"
        initial={NEW_ENDPOINT}
        pending={createMutation.isPending}
        error={createMutation.error}
        onCancel={closeCreate}
        onSubmit={(values) =>
          createMutation.mutate(
            { ...values, description: values.description || null },
            {
              onSuccess: ({ webhook, secret }) => {
                closeCreate();
                if (secret) setCreated({ label: `Signing secret for “${nameOf(webhook)}”`, secret });
              },
            },
          )
        }
      />
      <hr />
      {webhooksQuery.isPending && <LoadingState label="Loading webhook endpoints…" />}
      {webhooksQuery.isError && (
        <ErrorState
          title="Could not load the webhook endpoints."
          error={webhooksQuery.error}
          onRetry={() => void webhooksQuery.refetch()}
        />
      )}
      {webhooksQuery.isSuccess &&
        (webhooksQuery.data.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">
            Add one to send each new event to Slack, Zapier or your own service as it is recorded.
          </EmptyState>
        ) : (
          <ul className="list-unstyled mb-0" aria-label="Webhook endpoints">
            {webhooksQuery.data.map((webhook) => (
              <WebhookCard key={webhook.id} webhook={webhook} />
            ))}
          </ul>
        ))}
    </>
  );
}
