// /campaigns: every campaign of the workspace; editors and owners start new ones.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import { PageHeader } from '@/components/ui/PageHeader';
import { CampaignsOverview } from '@/features/campaigns/components/CampaignsOverview';
import { CreateCampaignDialog } from '@/features/campaigns/components/CreateCampaignDialog';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useCanEdit } from '@/lib/auth/roles';

export function CampaignsRoute() {
  useDocumentTitle('Campaigns');
  const [creating, setCreating] = useState(false);
  const canEdit = useCanEdit();
  return (
    <>
      <PageHeader
        title="Campaigns"
        subtitle="Products you send to creators: who agreed, who got it, who posted, and what it brought."
      >
        {canEdit && <Button onClick={() => setCreating(true)}>New campaign</Button>}
      </PageHeader>
      <CampaignsOverview canEdit={canEdit} />
      {canEdit && <CreateCampaignDialog show={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
