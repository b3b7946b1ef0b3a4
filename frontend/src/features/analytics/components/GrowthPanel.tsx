// Growth of one count over 1, 7, 30, 90 and 365 days: the change, the percentage and the average
// daily gain, each measured between real snapshots (never stretched from a shorter window).
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import { MeasureValue } from '@/components/ui/MeasureValue';
import { WideTable } from '@/components/ui/WideTable';
import { describeUnavailable, formatDailyGain, formatMultiple, formatSignedPercent } from '@/lib/analytics-format';
import { formatChange, formatDay } from '@/lib/format';
import type { CreatorAnalytics } from '../api/get-creator-analytics';

const METRICS = [
  { id: 'followers', label: 'Followers' },
  { id: 'likes', label: 'Likes' },
  { id: 'videos', label: 'Videos' },
  { id: 'following', label: 'Following' },
] as const;

type MetricId = (typeof METRICS)[number]['id'];

function windowName(days: number): string {
  return days === 1 ? '1 day' : days === 365 ? '1 year' : `${days} days`;
}

export function GrowthPanel({ growth }: { growth: CreatorAnalytics['growth'] }) {
  const [metricId, setMetricId] = useState<MetricId>('followers');
  const metric = growth[metricId];
  const label = METRICS.find((candidate) => candidate.id === metricId)?.label ?? metricId;
  return (
    <>
      <Form.Group controlId="growth-metric" className="d-flex align-items-center gap-2 mb-2">
        <Form.Label className="mb-0">Count</Form.Label>
        <Form.Select
          size="sm"
          className="w-auto"
          value={metricId}
          onChange={(event) => setMetricId(event.target.value as MetricId)}
        >
          {METRICS.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label}
            </option>
          ))}
        </Form.Select>
      </Form.Group>
      <WideTable>
        <Table size="sm" className="mb-2 align-middle">
          <caption className="caption-top">{label} growth by window</caption>
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col" className="text-end">
                Change
              </th>
              <th scope="col" className="text-end">
                %
              </th>
              <th scope="col" className="text-end">
                Per day
              </th>
            </tr>
          </thead>
          <tbody>
            {metric.windows.map((window) => (
              <tr key={window.window_days}>
                <th scope="row" className="fw-normal text-nowrap">
                  {windowName(window.window_days)}
                  {window.start_date && (
                    <span className="d-block small text-body-secondary">since {formatDay(window.start_date)}</span>
                  )}
                </th>
                {window.absolute.value == null ? (
                  <td colSpan={3} className="text-end text-body-secondary small">
                    — {describeUnavailable(window.absolute.unavailable)}
                  </td>
                ) : (
                  <>
                    <td className="text-end">
                      <MeasureValue measure={window.absolute} format={formatChange} />
                      {window.actual_days && window.actual_days !== window.window_days && (
                        <span className="d-block small text-body-secondary">over {window.actual_days} days</span>
                      )}
                    </td>
                    <td className="text-end">
                      <MeasureValue measure={window.percent} format={formatSignedPercent} />
                    </td>
                    <td className="text-end text-nowrap">
                      <MeasureValue measure={window.average_daily_gain} format={formatDailyGain} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      </WideTable>
      <p className="mb-0">
        Acceleration: <MeasureValue measure={metric.acceleration.ratio} format={formatMultiple} />
        {metric.acceleration.accelerating === true && ' (speeding up)'}
        {metric.acceleration.accelerating === false && ' (not speeding up)'}
      </p>
      {growth.tracking_since && (
        <p className="small text-body-secondary mb-0">
          Tracked since {formatDay(growth.tracking_since)}: zzyzx cannot see history from before then.
        </p>
      )}
    </>
  );
}
