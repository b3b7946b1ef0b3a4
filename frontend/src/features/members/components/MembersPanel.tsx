// Settings → Members: who is in the workspace and their role. Owners change roles and remove people;
// anyone may leave. A workspace keeps at least one owner: its only owner is offered neither another
// role nor leaving, and a refusal for that reason (someone else stepped down meanwhile) says so.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { WideTable } from '@/components/ui/WideTable';
import { paths } from '@/config/paths';
import { describeError, hasCode } from '@/lib/api/problem';
import { ROLES, roleLabel, useIsOwner, type Role } from '@/lib/auth/roles';
import { useSession } from '@/lib/auth/use-session';
import { formatDay } from '@/lib/format';
import { useMembers, type Member } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';
import { useUpdateMemberRole } from '../api/update-member-role';

const LAST_OWNER = 'A workspace needs at least one owner. Make someone else an owner first.';

/** The only owner's role, which cannot change until there is another owner. */
function SoleOwnerRole({ member }: { member: Member }) {
  return (
    <>
      {roleLabel(member.role)}
      <div className="small text-body-secondary">The only owner</div>
    </>
  );
}

function RoleSelect({
  member,
  onChange,
  disabled,
}: {
  member: Member;
  onChange: (role: Role) => void;
  disabled: boolean;
}) {
  return (
    <Form.Select
      size="sm"
      aria-label={`Role of ${member.display_name}`}
      value={member.role}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role.id} value={role.id}>
          {role.label}
        </option>
      ))}
    </Form.Select>
  );
}

function RemoveMemberDialog({
  member,
  isSelf,
  onClose,
}: {
  member: Member | null;
  isSelf: boolean;
  onClose: () => void;
}) {
  const removeMutation = useRemoveMember();
  const navigate = useNavigate();
  const state = useSession();
  const workspaceName = state.status === 'authenticated' ? (state.workspace?.name ?? 'this workspace') : '';
  const close = () => {
    removeMutation.reset();
    onClose();
  };
  const lastOwner = hasCode(removeMutation.error, 'last_owner');

  return (
    <ConfirmDialog
      show={member !== null}
      title={isSelf ? `Leave ${workspaceName}?` : `Remove ${member?.display_name ?? ''}?`}
      confirmLabel={isSelf ? 'Leave workspace' : 'Remove'}
      pending={removeMutation.isPending}
      error={lastOwner ? null : removeMutation.error}
      onCancel={close}
      onConfirm={() => {
        if (!member) return;
        removeMutation.mutate(member.user_id, {
          onSuccess: () => {
            close();
            if (isSelf) void navigate(paths.lists);
          },
        });
      }}
    >
      <p className="mb-0">
        {isSelf
          ? 'You lose access to its lists at once. To come back, you need a new invitation.'
          : `${member?.display_name ?? 'They'} loses access at once, and the API keys they made here stop working.`}
      </p>
      {lastOwner && (
        <Alert variant="warning" className="mt-3 mb-0">
          {isSelf ? 'You are the last owner. ' : ''}
          {LAST_OWNER}
        </Alert>
      )}
    </ConfirmDialog>
  );
}

export function MembersPanel() {
  const membersQuery = useMembers();
  const roleMutation = useUpdateMemberRole();
  const isOwner = useIsOwner();
  const state = useSession();
  const userId = state.status === 'authenticated' ? state.user.id : null;
  const [removing, setRemoving] = useState<Member | null>(null);

  let content;
  if (membersQuery.isPending) content = <LoadingState label="Loading members…" />;
  else if (membersQuery.isError) {
    content = (
      <ErrorState
        title="Could not load the members."
        error={membersQuery.error}
        onRetry={() => void membersQuery.refetch()}
      />
    );
  } else {
    const ownerCount = membersQuery.data.filter((member) => member.role === 'owner').length;
    content = (
      <WideTable>
        <Table className="align-middle mb-0">
          <caption className="visually-hidden">Members</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {membersQuery.data.map((member) => {
              const isSelf = member.user_id === userId;
              const soleOwner = member.role === 'owner' && ownerCount === 1;
              return (
                <tr key={member.user_id}>
                  <td>
                    <div className="fw-semibold">
                      {member.display_name}{' '}
                      {isSelf && (
                        <Badge bg="secondary" pill>
                          you
                        </Badge>
                      )}
                    </div>
                    <div className="small text-body-secondary text-break">{member.email}</div>
                  </td>
                  <td style={{ minWidth: '8rem' }}>
                    {soleOwner ? (
                      <SoleOwnerRole member={member} />
                    ) : isOwner ? (
                      <RoleSelect
                        member={member}
                        disabled={roleMutation.isPending}
                        onChange={(role) => roleMutation.mutate({ userId: member.user_id, role })}
                      />
                    ) : (
                      roleLabel(member.role)
                    )}
                  </td>
                  <td className="text-nowrap">{formatDay(member.joined_at)}</td>
                  <td className="text-end">
                    {isSelf && soleOwner ? (
                      <span className="small text-body-secondary">Make someone else an owner to leave.</span>
                    ) : isSelf ? (
                      <Button variant="outline-danger" size="sm" onClick={() => setRemoving(member)}>
                        Leave workspace
                      </Button>
                    ) : (
                      isOwner && (
                        <Button
                          variant="outline-danger"
                          size="sm"
                          onClick={() => setRemoving(member)}
                          aria-label={`Remove ${member.display_name}`}
                        >
                          Remove
                        </Button>
                      )
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </WideTable>
    );
  }

  return (
    <>
      {roleMutation.isError && (
        <Alert variant="warning" role="alert" dismissible onClose={() => roleMutation.reset()}>
          <strong>The role was not changed.</strong>{' '}
          {hasCode(roleMutation.error, 'last_owner') ? LAST_OWNER : describeError(roleMutation.error)}
        </Alert>
      )}
      {content}
      {/* Outside the table: leaving reloads the members (of the next workspace), and the dialog must
          stay mounted to finish. */}
      <RemoveMemberDialog member={removing} isSelf={removing?.user_id === userId} onClose={() => setRemoving(null)} />
    </>
  );
}
