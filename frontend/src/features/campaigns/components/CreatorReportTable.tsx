// Each creator's outcome beside what was expected of them when they joined: expected views against
// the views their posts got, expected orders against orders, and the fair price range against what
// they cost.
import Table from 'react-bootstrap/Table';
import { MeasureValue } from '@/components/ui/MeasureValue';
import { WideTable } from '@/components/ui/WideTable';
import { formatByUnit, formatMoney, formatMultiple, formatPriceRange } from '@/lib/analytics-format';
import { formatCompact, formatDateTime, formatWhole } from '@/lib/format';
import type { CreatorReport } from '../api/get-campaign-report';
import { stageLabel } from '../api/stages';

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

function Missing({ why }: { why: string }) {
  return (
    <span className="text-body-secondary" title={why}>
      —<span className="visually-hidden"> ({why})</span>
    </span>
  );
}

/** "1.4× expected", when both numbers are there and the expectation is not zero. */
function AgainstExpected({ actual, expected }: { actual: number; expected: number | null | undefined }) {
  if (expected == null || expected <= 0) return null;
  const ratio = actual / expected;
  return <div className={`small ${ratio >= 1 ? 'text-success' : 'text-danger'}`}>{formatMultiple(ratio)} expected</div>;
}

export function CreatorReportTable({ creators, currency }: { creators: CreatorReport[]; currency: string }) {
  const noEstimate = 'no estimate: too little history when they joined';
  return (
    <WideTable>
      <Table size="sm" className="align-middle mb-0">
        <caption className="caption-top">Each creator, the estimate made when they joined beside what happened</caption>
        <thead>
          <tr>
            <th scope="col">Creator</th>
            <th scope="col">Stage</th>
            <th scope="col" className="text-end">
              Cost
            </th>
            <th scope="col" className="text-end">
              Fair price (estimate)
            </th>
            <th scope="col" className="text-end">
              Posts
            </th>
            <th scope="col" className="text-end">
              Expected views
            </th>
            <th scope="col" className="text-end">
              Views
            </th>
            <th scope="col" className="text-end">
              Expected orders
            </th>
            <th scope="col" className="text-end">
              Orders
            </th>
            <th scope="col" className="text-end">
              Revenue
            </th>
            <th scope="col" className="text-end">
              Cost per 1,000 views
            </th>
            <th scope="col" className="text-end">
              ROAS
            </th>
          </tr>
        </thead>
        <tbody>
          {creators.map((row) => {
            const { estimate, actual } = row;
            const estimatedAt = estimate ? `Estimated ${formatDateTime(estimate.computed_at)}` : undefined;
            return (
              <tr key={row.entry_id}>
                <th scope="row" className="fw-semibold">
                  @{row.handle}
                </th>
                <td>{stageLabel(row.stage)}</td>
                <td className="text-end text-nowrap">{formatMoney(actual.cost, currency)}</td>
                <td className="text-end text-nowrap" title={estimatedAt}>
                  {estimate?.fair_price_low != null ? (
                    formatPriceRange(
                      { low: estimate.fair_price_low, high: estimate.fair_price_high ?? null },
                      estimate.currency,
                    )
                  ) : (
                    <Missing why={noEstimate} />
                  )}
                </td>
                <td className="text-end">{formatWhole(actual.posts)}</td>
                <td className="text-end" title={estimatedAt}>
                  {estimate?.expected_views != null ? (
                    formatCompact(Math.round(estimate.expected_views))
                  ) : (
                    <Missing why={noEstimate} />
                  )}
                </td>
                <td className="text-end" title={`${formatWhole(actual.views)} views`}>
                  {formatCompact(actual.views)}
                  {actual.posts > 0 && <AgainstExpected actual={actual.views} expected={estimate?.expected_views} />}
                </td>
                <td className="text-end" title={estimatedAt}>
                  {estimate?.expected_orders != null ? (
                    oneDecimal.format(estimate.expected_orders)
                  ) : (
                    <Missing why={noEstimate} />
                  )}
                </td>
                <td className="text-end">
                  {formatWhole(actual.orders)}
                  {actual.posts > 0 && <AgainstExpected actual={actual.orders} expected={estimate?.expected_orders} />}
                </td>
                <td className="text-end text-nowrap">{formatMoney(actual.revenue, currency)}</td>
                <td className="text-end text-nowrap">
                  <MeasureValue
                    measure={actual.cost_per_thousand_views}
                    format={(value: number) => formatByUnit(value, actual.cost_per_thousand_views.unit, currency)}
                    hideReason
                  />
                </td>
                <td className="text-end">
                  <MeasureValue
                    measure={actual.roas}
                    format={(value: number) => formatByUnit(value, actual.roas.unit, currency)}
                    hideReason
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </WideTable>
  );
}
