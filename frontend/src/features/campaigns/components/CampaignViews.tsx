// A campaign's five views as tabs: the board, the same creators as a table, the posts, the orders and
// the report. The open tab lives in the address (`?view=posts`), so it survives a reload and can be
// linked; a tab's data loads when it is first opened.
import type { ReactNode } from 'react';
import Tab from 'react-bootstrap/Tab';
import Tabs from 'react-bootstrap/Tabs';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { useCampaignCreators, type CampaignCreator } from '../api/get-campaign-creators';
import type { Campaign } from '../api/get-campaigns';
import { CreatorsTable } from './CreatorsTable';
import { OrdersPanel } from './OrdersPanel';
import { PipelineBoard } from './PipelineBoard';
import { PostsPanel } from './PostsPanel';
import type { MeasuredReturns } from './ProposalsTable';
import { ReportPanel } from './ReportPanel';

export const CAMPAIGN_VIEWS = [
  { id: 'board', label: 'Board' },
  { id: 'table', label: 'Table' },
  { id: 'posts', label: 'Posts' },
  { id: 'orders', label: 'Orders' },
  { id: 'report', label: 'Report' },
] as const;

export type CampaignView = (typeof CAMPAIGN_VIEWS)[number]['id'];

export function parseCampaignView(value: string | null): CampaignView {
  return CAMPAIGN_VIEWS.find((view) => view.id === value)?.id ?? 'board';
}

function Pipeline({
  campaign,
  editable,
  children,
}: {
  campaign: Campaign;
  editable: boolean;
  children: (entries: CampaignCreator[]) => ReactNode;
}) {
  const creatorsQuery = useCampaignCreators(campaign.id);
  if (creatorsQuery.isPending) return <LoadingState label="Loading the creators…" />;
  if (creatorsQuery.isError) {
    return (
      <ErrorState
        title="Could not load the campaign’s creators."
        error={creatorsQuery.error}
        onRetry={() => void creatorsQuery.refetch()}
      />
    );
  }
  if (creatorsQuery.data.length === 0) {
    return (
      <EmptyState title="No creators in this campaign yet">
        {editable && 'Use “Add creators” to add a whole list or handles; they start as shortlisted.'}
      </EmptyState>
    );
  }
  return <>{children(creatorsQuery.data)}</>;
}

type CampaignViewsProps = {
  campaign: Campaign;
  view: CampaignView;
  onViewChange: (view: CampaignView) => void;
  editable: boolean;
  renderApplyProposals?: (measured: MeasuredReturns) => ReactNode;
};

export function CampaignViews({ campaign, view, onViewChange, editable, renderApplyProposals }: CampaignViewsProps) {
  const currency = campaign.product.currency;
  return (
    <Tabs
      id="campaign-views"
      activeKey={view}
      onSelect={(key) => onViewChange(parseCampaignView(key))}
      className="mb-3"
      mountOnEnter
    >
      <Tab eventKey="board" title="Board">
        <Pipeline campaign={campaign} editable={editable}>
          {(entries) => <PipelineBoard campaignId={campaign.id} entries={entries} editable={editable} />}
        </Pipeline>
      </Tab>
      <Tab eventKey="table" title="Table">
        <Pipeline campaign={campaign} editable={editable}>
          {(entries) => (
            <CreatorsTable
              campaignId={campaign.id}
              entries={entries}
              currency={currency}
              campaignFee={campaign.fee ?? null}
              editable={editable}
            />
          )}
        </Pipeline>
      </Tab>
      <Tab eventKey="posts" title="Posts">
        <PostsPanel campaignId={campaign.id} editable={editable} />
      </Tab>
      <Tab eventKey="orders" title="Orders">
        <OrdersPanel campaignId={campaign.id} currency={currency} editable={editable} />
      </Tab>
      <Tab eventKey="report" title="Report">
        <ReportPanel
          campaignId={campaign.id}
          campaignName={campaign.name}
          renderApplyProposals={renderApplyProposals}
        />
      </Tab>
    </Tabs>
  );
}
