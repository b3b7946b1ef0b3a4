// The campaign's totals: what it cost (product, shipping, fees), how far it reached (creators,
// posts, views, engagement) and what it brought (orders, revenue), with the ratios between them.
// Each ratio is a Measure: its formula and sample size on hover or focus, the reason when it has no
// value. Revenue in other currencies is listed apart and never added in.
import type { ReactNode } from 'react';
import Alert from 'react-bootstrap/Alert';
import { MeasureValue } from '@/components/ui/MeasureValue';
import { formatByUnit, formatMoney } from '@/lib/analytics-format';
import { formatCompact, formatWhole } from '@/lib/format';
import type { Measure, ReportTotals as Totals } from '../api/get-campaign-report';
import './campaigns.css';

type Tile = { label: string; value: ReactNode; title?: string };

function measure(measureValue: Measure, currency: string, suffix = ''): ReactNode {
  return (
    <MeasureValue
      measure={measureValue}
      format={(value: number) => `${formatByUnit(value, measureValue.unit, currency)}${suffix}`}
    />
  );
}

function TileGroup({ id, title, tiles }: { id: string; title: string; tiles: Tile[] }) {
  return (
    <section aria-labelledby={id} className="mb-3">
      <h3 id={id} className="h6 text-body-secondary text-uppercase small mb-2">
        {title}
      </h3>
      {/* A grid, not Bootstrap's row of columns: a <dl> may hold one level of <div> around each term. */}
      <dl className="report-tiles mb-0">
        {tiles.map((tile) => (
          <div key={tile.label} className="border rounded-3 p-2">
            <dt className="small fw-normal text-body-secondary">{tile.label}</dt>
            <dd className="mb-0 fs-5 fw-semibold" title={tile.title}>
              {tile.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function ReportTotals({ totals, currency }: { totals: Totals; currency: string }) {
  const money = (value: number) => formatMoney(value, currency);
  return (
    <div aria-label="Campaign totals" role="group">
      <TileGroup
        id="report-cost"
        title="Cost"
        tiles={[
          { label: 'Product', value: money(totals.cost.product) },
          { label: 'Shipping', value: money(totals.cost.shipping) },
          { label: 'Fees', value: money(totals.cost.fees) },
          { label: 'Total cost', value: money(totals.cost.total) },
        ]}
      />
      <TileGroup
        id="report-reach"
        title="Reach"
        tiles={[
          { label: 'Creators', value: formatWhole(totals.creators) },
          { label: 'Shipped to', value: formatWhole(totals.shipped) },
          { label: 'Posted', value: formatWhole(totals.posted) },
          { label: 'Posts', value: formatWhole(totals.posts) },
          { label: 'Post rate', value: measure(totals.post_rate, currency) },
          { label: 'Median days to post', value: measure(totals.median_days_to_post, currency, ' days') },
          { label: 'Views', value: formatCompact(totals.views), title: `${formatWhole(totals.views)} views` },
          {
            label: 'Engagements',
            value: formatCompact(totals.engagements),
            title: `${formatWhole(totals.engagements)} likes, comments and shares`,
          },
        ]}
      />
      <TileGroup
        id="report-efficiency"
        title="Efficiency"
        tiles={[
          { label: 'Cost per post', value: measure(totals.cost_per_post, currency) },
          { label: 'Cost per 1,000 views', value: measure(totals.cost_per_thousand_views, currency) },
          { label: 'Cost per engagement', value: measure(totals.cost_per_engagement, currency) },
        ]}
      />
      <TileGroup
        id="report-sales"
        title={`Sales in ${currency}`}
        tiles={[
          { label: 'Orders', value: formatWhole(totals.orders) },
          { label: 'Revenue', value: money(totals.revenue) },
          { label: 'Cost per order', value: measure(totals.cost_per_order, currency) },
          { label: 'Return on ad spend (ROAS)', value: measure(totals.roas, currency) },
        ]}
      />
      {totals.other_currencies.length > 0 && (
        <Alert variant="info">
          <h3 className="h6">Orders in other currencies</h3>
          <p className="small mb-2">
            Not converted and not included in the revenue, cost per order or ROAS above, which count {currency} only.
          </p>
          <ul className="mb-0" aria-label="Revenue in other currencies">
            {totals.other_currencies.map((other) => (
              <li key={other.currency}>
                {formatMoney(other.revenue, other.currency)} from {formatWhole(other.orders)}{' '}
                {other.orders === 1 ? 'order' : 'orders'}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

/** Every formula the totals use, for "How is this computed?". */
export function totalsFormulas(totals: Totals): Measure[] {
  return [
    totals.post_rate,
    totals.median_days_to_post,
    totals.cost_per_post,
    totals.cost_per_thousand_views,
    totals.cost_per_engagement,
    totals.cost_per_order,
    totals.roas,
  ];
}
