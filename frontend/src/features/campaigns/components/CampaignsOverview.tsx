// Every campaign of the workspace, newest first: its status, dates, how many creators and posts it
// has, and how many creators are overdue with their post.
import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { WideTable } from '@/components/ui/WideTable';
import { paths } from '@/config/paths';
import { formatDay, formatWhole } from '@/lib/format';
import { useCampaigns } from '../api/get-campaigns';
import { CampaignStatusBadge, DemoBadge } from './CampaignBadges';

export function CampaignsOverview({ canEdit }: { canEdit: boolean }) {
  const campaignsQuery = useCampaigns();

  if (campaignsQuery.isPending) return <LoadingState label="Loading campaigns…" />;
  if (campaignsQuery.isError) {
    return (
      <ErrorState
        title="Could not load your campaigns."
        error={campaignsQuery.error}
        onRetry={() => void campaignsQuery.refetch()}
      />
    );
  }
  if (campaignsQuery.data.length === 0) {
    return (
      <EmptyState title="No campaigns yet">
        {canEdit
          ? 'Create a campaign for a product you send to creators: zzyzx follows each creator from first contact to their post, finds the posts, and reports what they cost and brought.'
          : 'Campaigns this workspace’s editors make show up here.'}
      </EmptyState>
    );
  }

  return (
    <WideTable>
      <Table hover className="align-middle mb-0">
        <caption className="visually-hidden">Campaigns, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Status</th>
            <th scope="col">Dates</th>
            <th scope="col" className="text-end">
              Creators
            </th>
            <th scope="col" className="text-end">
              Posts
            </th>
            <th scope="col" className="text-end">
              Overdue
            </th>
          </tr>
        </thead>
        <tbody>
          {campaignsQuery.data.map((campaign) => (
            <tr key={campaign.id}>
              <th scope="row" className="fw-normal">
                <Link to={paths.campaign(campaign.id)} className="fw-semibold text-break">
                  {campaign.name}
                </Link>{' '}
                <DemoBadge campaign={campaign} />
                <div className="small text-body-secondary text-break">{campaign.product.name}</div>
              </th>
              <td>
                <CampaignStatusBadge status={campaign.status} />
              </td>
              <td className="text-nowrap">
                {formatDay(campaign.starts_on)} – {formatDay(campaign.ends_on)}
              </td>
              <td className="text-end">{formatWhole(campaign.counts.creators)}</td>
              <td className="text-end">{formatWhole(campaign.counts.posts)}</td>
              <td className="text-end">
                {campaign.counts.overdue > 0 ? (
                  <Badge bg="danger" title="Got the product a while ago and have not posted">
                    {formatWhole(campaign.counts.overdue)}
                  </Badge>
                ) : (
                  <span className="text-body-secondary">0</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </WideTable>
  );
}
