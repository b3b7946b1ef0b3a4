// A campaign at a glance under its name: status, dates, product and how the pipeline stands.
import { formatMoney } from '@/lib/analytics-format';
import { formatDay, formatWhole } from '@/lib/format';
import type { Campaign } from '../api/get-campaigns';
import { CampaignStatusBadge, DemoBadge } from './CampaignBadges';

export function CampaignSummary({ campaign }: { campaign: Campaign }) {
  const { counts, product } = campaign;
  return (
    <>
      <div className="d-flex flex-wrap align-items-center gap-2">
        <CampaignStatusBadge status={campaign.status} />
        <DemoBadge campaign={campaign} />
        <span>
          {formatDay(campaign.starts_on)} – {formatDay(campaign.ends_on)}
        </span>
      </div>
      <div>
        {product.name}: {formatMoney(product.unit_cost, product.currency)} a unit,{' '}
        {formatMoney(product.shipping_cost, product.currency)} shipping
        {campaign.fee != null && `, ${formatMoney(campaign.fee, product.currency)} fee per creator`}
      </div>
      <div className="small">
        {formatWhole(counts.creators)} {counts.creators === 1 ? 'creator' : 'creators'} · {formatWhole(counts.posts)}{' '}
        {counts.posts === 1 ? 'post' : 'posts'}
        {counts.overdue > 0 && (
          <span className="text-danger fw-semibold"> · {formatWhole(counts.overdue)} overdue</span>
        )}
      </div>
    </>
  );
}
