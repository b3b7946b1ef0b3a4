// What an invitation offers, as the person invited first sees it: the workspace, the role and who
// sent it.
import { ROLES, roleLabel } from '@/lib/auth/roles';
import { formatDay } from '@/lib/format';
import type { InvitationPreview } from '../api/preview-invitation';

export function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  return (
    <>
      <h1 className="h4 mb-2 text-break">
        Join {preview.workspace_name} as {roleLabel(preview.role).toLowerCase()}
      </h1>
      <p className="text-body-secondary mb-2">
        {preview.invited_by ? `Invited by ${preview.invited_by}` : 'Invited'} · for {preview.email} · until{' '}
        {formatDay(preview.expires_at)}
      </p>
      <p>{ROLES.find((role) => role.id === preview.role)?.description}</p>
    </>
  );
}
