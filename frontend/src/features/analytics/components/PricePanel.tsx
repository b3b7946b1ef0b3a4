// What one sponsored post is fairly worth: expected views × the tier's CPM range, cross-checked with
// a published rate card, plus cost per view, per engagement and per thousand target followers. Prices
// are estimates, so they are rounded (to $10 under $1,000), and a line says why the fair price and
// the rate card differ.
import { MeasureValue } from '@/components/ui/MeasureValue';
import { formatMoney, formatMoneyRange, formatPriceRange, tierLabel } from '@/lib/analytics-format';
import { formatWhole } from '@/lib/format';
import type { CreatorAnalytics } from '../api/get-creator-analytics';
import { AssumptionList } from './AssumptionList';

/** What the fair price is and why the rate card may say otherwise; the server's reason when there is no price. */
function explain(price: CreatorAnalytics['fair_price']): string {
  const views = price.expected_views.value;
  if (price.price.value == null || views == null || !price.cpm) {
    return `${price.explanation.charAt(0).toUpperCase()}${price.explanation.slice(1)}.`;
  }
  const fair =
    `Fair price = this creator’s expected views (${formatWhole(Math.round(views))}) × the CPM for creators ` +
    `of their size (${formatMoneyRange(price.cpm, price.currency)} per 1,000 views).`;
  if (!price.rate_card) return fair;
  return (
    `${fair} The rate card is what creators with ${price.rate_card.band} followers typically ask per post, ` +
    'whatever their views, so the two can differ.'
  );
}

export function PricePanel({ analytics }: { analytics: CreatorAnalytics }) {
  const { fair_price: price, tier } = analytics;
  const money = (range: { low: number; high: number }) => formatMoneyRange(range, price.currency);
  return (
    <>
      {tier && (
        <p className="mb-2">
          Tier: <strong>{tierLabel(tier.tier)}</strong> ({tier.band} followers)
          {tier.below_table && <span className="small text-body-secondary"> · under 1K, counted as nano</span>}
        </p>
      )}
      <div className="mb-2">
        <div className="small text-body-secondary">Fair price of one post</div>
        <div className="h4 mb-0">
          <MeasureValue measure={price.price} format={(range) => formatPriceRange(range, price.currency)} />
        </div>
      </div>
      <dl className="row small mb-2">
        <dt className="col-7 fw-normal text-body-secondary">CPM</dt>
        <dd className="col-5 mb-1 text-end">
          {price.cpm ? `${money(price.cpm)} per 1,000 views` : '—'}
          <span className="d-block text-body-secondary">
            {price.cpm_source === 'workspace_override' ? 'your setting' : 'published range'}
          </span>
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Cost per view</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue
            measure={price.cost_per_view}
            format={(range) => `${formatMoney(range.low, price.currency)}–${formatMoney(range.high, price.currency)}`}
            hideReason
          />
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Cost per engagement</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue measure={price.cost_per_engagement} format={money} hideReason />
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Per 1,000 followers in your target</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue measure={price.per_thousand_target_followers} format={money} />
        </dd>
        {price.rate_card && (
          <>
            <dt className="col-7 fw-normal text-body-secondary">Rate card for {price.rate_card.band}</dt>
            <dd className="col-5 mb-1 text-end">
              {formatPriceRange(
                { low: price.rate_card.low, high: price.rate_card.high ?? null },
                price.rate_card.currency,
              )}
            </dd>
          </>
        )}
      </dl>
      <p className="small mb-2">{explain(price)}</p>
      <AssumptionList assumptions={price.assumptions} label="Assumptions behind the fair price" />
    </>
  );
}
