// What the campaign measured against what the workspace assumes for every creator's estimates:
// click-through rate, conversion rate and average order value, each with its sample size. An owner
// can make the measured values the workspace's own (the page supplies that button).
import type { ReactNode } from 'react';
import Table from 'react-bootstrap/Table';
import { MeasureValue } from '@/components/ui/MeasureValue';
import { WideTable } from '@/components/ui/WideTable';
import { formatByUnit } from '@/lib/analytics-format';
import { formatWhole } from '@/lib/format';
import type { Measure, Proposals } from '../api/get-campaign-report';

/** The measured values in the settings' units: rates as shares (0.012), the order value in `currency`. */
export type MeasuredReturns = {
  click_through_rate: number | null;
  conversion_rate: number | null;
  average_order_value: number | null;
  currency: string;
};

const ROWS = [
  { key: 'click_through_rate', label: 'Click-through rate', unit: 'share' },
  { key: 'conversion_rate', label: 'Conversion rate', unit: 'share' },
  { key: 'average_order_value', label: 'Average order value', unit: 'money' },
] as const;

/** A rate as a share 0–1, whichever of share or percent the server measured it in. */
function asShare(measure: Measure): number | null {
  if (measure.value == null) return null;
  return measure.unit === 'percent' ? measure.value / 100 : measure.value;
}

export function measuredReturns(proposals: Proposals, currency: string): MeasuredReturns {
  return {
    click_through_rate: asShare(proposals.click_through_rate.proposed),
    conversion_rate: asShare(proposals.conversion_rate.proposed),
    average_order_value: proposals.average_order_value.proposed.value ?? null,
    currency,
  };
}

type ProposalsTableProps = {
  proposals: Proposals;
  currency: string;
  /** The "use these values" control, for owners; nothing for others. */
  renderApply?: (measured: MeasuredReturns) => ReactNode;
};

export function ProposalsTable({ proposals, currency, renderApply }: ProposalsTableProps) {
  const measured = measuredReturns(proposals, currency);
  return (
    <>
      <WideTable>
        <Table size="sm" className="align-middle mb-2">
          <caption className="caption-top">Your assumptions against this campaign’s results</caption>
          <thead>
            <tr>
              <th scope="col">Assumption</th>
              <th scope="col" className="text-end">
                Your setting
              </th>
              <th scope="col" className="text-end">
                Measured here
              </th>
              <th scope="col" className="text-end">
                Sample size
              </th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const { current, proposed } = proposals[row.key];
              return (
                <tr key={row.key}>
                  <th scope="row" className="fw-normal">
                    {row.label}
                  </th>
                  <td className="text-end">
                    {current == null ? (
                      <span className="text-body-secondary">
                        {row.unit === 'money' ? `not set in ${currency}` : 'not set'}
                      </span>
                    ) : (
                      formatByUnit(current, row.unit, currency)
                    )}
                  </td>
                  <td className="text-end">
                    <MeasureValue
                      measure={proposed}
                      format={(value: number) => formatByUnit(value, proposed.unit, currency)}
                    />
                  </td>
                  <td className="text-end">{formatWhole(proposed.sample_size)}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </WideTable>
      {renderApply?.(measured)}
    </>
  );
}

export function proposalFormulas(proposals: Proposals): Measure[] {
  return ROWS.map((row) => proposals[row.key].proposed);
}
