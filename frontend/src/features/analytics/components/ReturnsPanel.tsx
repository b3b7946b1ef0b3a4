// "Will sending free product bring orders?": expected orders from a gifted post and what each costs,
// with every assumption listed.
import { MeasureValue } from '@/components/ui/MeasureValue';
import { formatMoney, formatMoneyRange, formatMultiple } from '@/lib/analytics-format';
import { formatWhole } from '@/lib/format';
import type { CreatorAnalytics } from '../api/get-creator-analytics';
import { AssumptionList } from './AssumptionList';

const oneDecimal = (value: number) => (value < 10 ? value.toFixed(1) : formatWhole(Math.round(value)));

export function ReturnsPanel({ returns }: { returns: CreatorAnalytics['returns'] }) {
  const money = (value: number) => formatMoney(value, returns.currency);
  return (
    <>
      <p className="mb-2">{returns.verdict.replace(/\.?$/, '.')}</p>
      <div className="row g-3 mb-2">
        <div className="col-6">
          <div className="small text-body-secondary">Expected orders</div>
          <div className="h4 mb-0">
            <MeasureValue measure={returns.expected_orders} format={oneDecimal} />
          </div>
        </div>
        <div className="col-6">
          <div className="small text-body-secondary">Cost per expected order</div>
          <div className="h4 mb-0">
            <MeasureValue measure={returns.cost_per_expected_order} format={money} />
          </div>
        </div>
      </div>
      <dl className="row small mb-2">
        <dt className="col-7 fw-normal text-body-secondary">Expected views</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue
            measure={returns.expected_views}
            format={(value) => formatWhole(Math.round(value))}
            hideReason
          />
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Expected shop visits</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue measure={returns.expected_clicks} format={oneDecimal} hideReason />
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Gift cost (product + shipping)</dt>
        <dd className="col-5 mb-1 text-end">{returns.gift_cost == null ? '—' : money(returns.gift_cost)}</dd>
        <dt className="col-7 fw-normal text-body-secondary">Per order if also paid the fair price</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue
            measure={returns.cost_per_expected_order_with_fee}
            format={(range) => formatMoneyRange(range, returns.currency)}
            hideReason
          />
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Expected revenue</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue measure={returns.expected_revenue} format={money} />
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Revenue per gift cost</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue measure={returns.revenue_per_gift_cost} format={formatMultiple} hideReason />
        </dd>
      </dl>
      <AssumptionList assumptions={returns.assumptions} label="Assumptions behind the expected orders" />
    </>
  );
}
