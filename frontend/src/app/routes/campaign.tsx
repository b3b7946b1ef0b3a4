// /campaigns/:campaignId: one campaign, its pipeline as a board or table, its posts, orders and
// report (`?view=`). The page hands features to each other: the workspace's lists to "Add creators",
// the settings' "use these values" to the report, and the share dialog to owners.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { PageHeader } from '@/components/ui/PageHeader';
import { paths } from '@/config/paths';
import { useCampaign } from '@/features/campaigns/api/get-campaign';
import { AddCreatorsDialog } from '@/features/campaigns/components/AddCreatorsDialog';
import { CampaignSummary } from '@/features/campaigns/components/CampaignSummary';
import { CampaignViews, parseCampaignView } from '@/features/campaigns/components/CampaignViews';
import { DeleteCampaignDialog } from '@/features/campaigns/components/DeleteCampaignDialog';
import { EditCampaignDialog } from '@/features/campaigns/components/EditCampaignDialog';
import { useLists } from '@/features/lists/api/get-lists';
import { ShareLinksDialog } from '@/features/share-links/components/ShareLinksDialog';
import { ApplyReturnsProposalButton } from '@/features/workspace-settings/components/ApplyReturnsProposalButton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { hasCode } from '@/lib/api/problem';
import { useCanEdit, useIsOwner } from '@/lib/auth/roles';

type Dialog = 'add' | 'edit' | 'share' | 'delete' | null;

export function CampaignRoute() {
  const { campaignId = '' } = useParams();
  const campaignQuery = useCampaign(campaignId);
  const [searchParams, setSearchParams] = useSearchParams();
  const view = parseCampaignView(searchParams.get('view'));
  const canEdit = useCanEdit();
  const isOwner = useIsOwner();
  const [dialog, setDialog] = useState<Dialog>(null);
  const lists = useLists().data;
  useDocumentTitle(campaignQuery.data?.name ?? 'Campaign');

  if (campaignQuery.isPending) return <LoadingState label="Loading the campaign…" />;
  if (campaignQuery.isError) {
    if (hasCode(campaignQuery.error, 'not_found')) {
      return (
        <ErrorState
          title="This campaign does not exist, or it belongs to another workspace."
          error={campaignQuery.error}
        />
      );
    }
    return (
      <ErrorState
        title="Could not load this campaign."
        error={campaignQuery.error}
        onRetry={() => void campaignQuery.refetch()}
      />
    );
  }
  const campaign = campaignQuery.data;
  const close = () => setDialog(null);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2">
        <Link to={paths.campaigns}>← All campaigns</Link>
      </nav>
      <PageHeader title={campaign.name} subtitle={<CampaignSummary campaign={campaign} />}>
        {canEdit && <Button onClick={() => setDialog('add')}>Add creators</Button>}
        {canEdit && (
          <Button variant="outline-secondary" onClick={() => setDialog('edit')}>
            Edit
          </Button>
        )}
        {isOwner && (
          <Button variant="outline-primary" onClick={() => setDialog('share')}>
            Share report
          </Button>
        )}
        {isOwner && (
          <Button variant="outline-danger" onClick={() => setDialog('delete')}>
            Delete
          </Button>
        )}
      </PageHeader>
      <CampaignViews
        campaign={campaign}
        view={view}
        editable={canEdit}
        onViewChange={(next) => setSearchParams(next === 'board' ? {} : { view: next }, { replace: true })}
        renderApplyProposals={
          isOwner
            ? (measured) => (
                <ApplyReturnsProposalButton
                  proposal={measured}
                  disabled={
                    measured.click_through_rate == null &&
                    measured.conversion_rate == null &&
                    measured.average_order_value == null
                  }
                />
              )
            : undefined
        }
      />
      {canEdit && (
        <>
          <AddCreatorsDialog
            key={String(dialog === 'add')}
            campaignId={campaign.id}
            show={dialog === 'add'}
            lists={lists}
            onClose={close}
          />
          <EditCampaignDialog campaign={campaign} show={dialog === 'edit'} onClose={close} />
        </>
      )}
      {isOwner && (
        <>
          <ShareLinksDialog
            target={{ kind: 'campaign', id: campaign.id }}
            name={campaign.name}
            show={dialog === 'share'}
            onClose={close}
          />
          <DeleteCampaignDialog campaign={campaign} show={dialog === 'delete'} onClose={close} />
        </>
      )}
    </>
  );
}
