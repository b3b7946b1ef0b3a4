// /settings/alerts: the workspace's alert rules (owners and editors change them, viewers read them),
// choosing among its lists and campaigns, and each member's own e-mail digest.
import { SectionCard } from '@/components/ui/SectionCard';
import { AlertRulesForm } from '@/features/alerts/components/AlertRulesForm';
import { DigestForm } from '@/features/alerts/components/DigestForm';
import { useCampaigns } from '@/features/campaigns/api/get-campaigns';
import { useLists } from '@/features/lists/api/get-lists';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function AlertSettingsRoute() {
  useDocumentTitle('Alerts');
  const lists = useLists().data;
  const campaigns = useCampaigns().data;
  return (
    <>
      <SectionCard
        id="alert-rules"
        title="Alert rules"
        summary="What the inbox, webhooks and digests tell this workspace about, and when. They apply to everyone in it."
      >
        <AlertRulesForm
          lists={lists?.map(({ id, name }) => ({ id, name }))}
          campaigns={campaigns?.map(({ id, name }) => ({ id, name }))}
        />
      </SectionCard>
      <SectionCard
        id="digest"
        title="Your e-mail digest"
        summary="A summary of this workspace’s events, sent to your own e-mail address. Each member chooses their own."
      >
        <DigestForm />
      </SectionCard>
    </>
  );
}
