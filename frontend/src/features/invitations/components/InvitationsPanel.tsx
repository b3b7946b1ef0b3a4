// Settings → Members → Invitations (owners): invite someone by e-mail with a role, hand over the link
// shown once, and revoke invitations not yet accepted (after asking).
import { useId, useState } from 'react';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { OneTimeSecret } from '@/components/ui/OneTimeSecret';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { WideTable } from '@/components/ui/WideTable';
import { ApiProblem } from '@/lib/api/problem';
import { ROLES, roleLabel, type Role } from '@/lib/auth/roles';
import { formatDateTime, formatDay } from '@/lib/format';
import { useCreateInvitation, type CreatedInvitation } from '../api/create-invitation';
import { useInvitations, type Invitation } from '../api/get-invitations';
import { useRevokeInvitation } from '../api/revoke-invitation';

const INLINE_FIELDS = ['email', 'role', 'expires_in_days'] as const;

function InviteForm({ onCreated }: { onCreated: (created: CreatedInvitation) => void }) {
  const createMutation = useCreateInvitation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('7');
  const roleId = useId();
  const fieldErrors = createMutation.error instanceof ApiProblem ? createMutation.error.fieldErrors() : {};

  return (
    <Form
      noValidate
      aria-label="Invite someone"
      onSubmit={(event) => {
        event.preventDefault();
        createMutation.mutate(
          { email: email.trim(), role, expires_in_days: days.trim() ? Number(days) : null },
          { onSuccess: onCreated },
        );
      }}
    >
      <ProblemAlert error={createMutation.error} fieldsShownInline={INLINE_FIELDS} />
      <div className="row g-3">
        <div className="col-md-6">
          <TextField
            label="E-mail"
            type="email"
            value={email}
            onChange={setEmail}
            error={fieldErrors.email}
            help="Only this address can accept."
            autoComplete="off"
            required
          />
        </div>
        <div className="col-md-3">
          <Form.Group controlId={roleId} className="mb-3">
            <Form.Label>Role</Form.Label>
            <Form.Select
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
              aria-describedby={`${roleId}-help`}
              isInvalid={Boolean(fieldErrors.role)}
            >
              {ROLES.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </Form.Select>
            <Form.Text id={`${roleId}-help`} muted>
              {ROLES.find((option) => option.id === role)?.description}
            </Form.Text>
          </Form.Group>
        </div>
        <div className="col-md-3">
          <TextField
            label="Link works for (days)"
            type="number"
            min={1}
            max={30}
            value={days}
            onChange={setDays}
            error={fieldErrors.expires_in_days}
            help="1 to 30."
          />
        </div>
      </div>
      <SubmitButton pending={createMutation.isPending}>Create invitation link</SubmitButton>
    </Form>
  );
}

function PendingInvitations() {
  const invitationsQuery = useInvitations();
  const revokeMutation = useRevokeInvitation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const close = () => {
    revokeMutation.reset();
    setRevoking(null);
  };

  if (invitationsQuery.isPending) return <LoadingState label="Loading invitations…" />;
  if (invitationsQuery.isError) {
    return (
      <ErrorState
        title="Could not load the invitations."
        error={invitationsQuery.error}
        onRetry={() => void invitationsQuery.refetch()}
      />
    );
  }
  if (invitationsQuery.data.length === 0) return <p className="text-body-secondary mb-0">No pending invitations.</p>;

  return (
    <>
      <WideTable>
        <Table size="sm" className="align-middle mb-0">
          <caption className="caption-top">Pending invitations</caption>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Invited by</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitationsQuery.data.map((invitation) => (
              <tr key={invitation.id}>
                <td className="text-break">{invitation.email}</td>
                <td>{roleLabel(invitation.role)}</td>
                <td>{invitation.invited_by ?? '—'}</td>
                <td className="text-nowrap" title={formatDateTime(invitation.expires_at)}>
                  {formatDay(invitation.expires_at)}
                </td>
                <td className="text-end">
                  <Button
                    variant="outline-danger"
                    size="sm"
                    onClick={() => setRevoking(invitation)}
                    aria-label={`Revoke the invitation for ${invitation.email}`}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </WideTable>
      <ConfirmDialog
        show={revoking !== null}
        title={`Revoke the invitation for ${revoking?.email ?? ''}?`}
        confirmLabel="Revoke invitation"
        pending={revokeMutation.isPending}
        error={revokeMutation.error}
        onCancel={close}
        onConfirm={() => revoking && revokeMutation.mutate(revoking.id, { onSuccess: close })}
      >
        Their link stops working at once. You can invite them again later.
      </ConfirmDialog>
    </>
  );
}

export function InvitationsPanel() {
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  return (
    <>
      {created ? (
        <OneTimeSecret
          label={`Invitation link for ${created.invitation.email}`}
          value={`${window.location.origin}${created.accept_path}`}
          onDone={() => setCreated(null)}
        >
          <p className="mb-0">
            Send it to {created.invitation.email} however you like: zzyzx sends no e-mail. It makes them{' '}
            {roleLabel(created.invitation.role).toLowerCase()} and works until{' '}
            {formatDateTime(created.invitation.expires_at)}.
          </p>
        </OneTimeSecret>
      ) : (
        <InviteForm onCreated={setCreated} />
      )}
      <hr />
      <PendingInvitations />
    </>
  );
}
