// /settings/members: who is in the workspace, and (for owners) the invitations to join it.
import { SectionCard } from '@/components/ui/SectionCard';
import { InvitationsPanel } from '@/features/invitations/components/InvitationsPanel';
import { MembersPanel } from '@/features/members/components/MembersPanel';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useIsOwner } from '@/lib/auth/roles';

export function MembersRoute() {
  useDocumentTitle('Members');
  const isOwner = useIsOwner();
  return (
    <>
      <SectionCard
        id="members"
        title="Members"
        summary={
          isOwner
            ? 'Viewers read; editors also change lists, creators, metrics and audiences; owners also manage the workspace.'
            : 'Only owners can change roles, remove members or invite people.'
        }
      >
        <MembersPanel />
      </SectionCard>
      {isOwner && (
        <SectionCard
          id="invitations"
          title="Invitations"
          summary="Invite someone by e-mail. You get a link to send them; they join when they open it and log in with that address."
        >
          <InvitationsPanel />
        </SectionCard>
      )}
    </>
  );
}
