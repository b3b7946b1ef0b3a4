// Followers, likes, videos and following over the chosen range, one chart each. Each caption states
// the change over the range with the analytics' own figure for that window (the last snapshot of each
// UTC day, today against N days earlier), so a window reads the same here as in the growth table and
// on the dashboard.
import { useMemo } from 'react';
import Card from 'react-bootstrap/Card';
import { describeUnavailable } from '@/lib/analytics-format';
import type { components } from '@/lib/api/schema';
import { formatChange, formatDay } from '@/lib/format';
import type { HistoryPoint } from '../api/get-creator-history';
import { HISTORY_RANGES, type HistoryRange } from '../api/history-range';
import { MetricChart, type MetricSeries } from './MetricChart';

export type Growth = components['schemas']['Growth'];

const METRICS = [
  { key: 'followers', label: 'Followers', color: '#0d6efd' },
  { key: 'likes', label: 'Likes', color: '#d63384' },
  { key: 'videos', label: 'Videos', color: '#198754' },
  { key: 'following', label: 'Following', color: '#6f42c1' },
] as const;

type MetricKey = (typeof METRICS)[number]['key'];

function toSeries(points: HistoryPoint[]): Record<MetricKey, MetricSeries> {
  const times = points.map((point) => Date.parse(point.captured_at) / 1000);
  const seriesOf = (key: MetricKey) => ({ times, values: points.map((point) => point[key]) });
  return {
    followers: seriesOf('followers'),
    likes: seriesOf('likes'),
    videos: seriesOf('videos'),
    following: seriesOf('following'),
  };
}

/**
 * The change of `metric` over `range` in words. A fixed window takes the analytics' figure, or says
 * nothing while it loads (a figure of our own could disagree with it); "All" has no such window, so
 * it is the first point against the last.
 */
function describeRangeChange(
  range: HistoryRange,
  metric: MetricKey,
  points: HistoryPoint[],
  growth: Growth | undefined,
): string | null {
  const chosen = HISTORY_RANGES.find((candidate) => candidate.id === range);
  if (!chosen || chosen.days === null) {
    const first = points[0];
    const last = points[points.length - 1];
    if (!first || !last) return null;
    return `${formatChange(last[metric] - first[metric])} since ${formatDay(first.captured_at)}`;
  }
  const window = growth?.[metric].windows.find((candidate) => candidate.window_days === chosen.days);
  if (!window) return null;
  const { value, unavailable } = window.absolute;
  if (value == null) return `change over ${chosen.label}: ${describeUnavailable(unavailable)}`;
  const since = window.start_date ? ` (since ${formatDay(window.start_date)})` : '';
  return `${formatChange(value)} in ${chosen.label}${since}`;
}

type MetricChartsProps = {
  points: HistoryPoint[];
  range: HistoryRange;
  /** The creator's growth from their analytics; undefined while it loads. */
  growth: Growth | undefined;
};

export function MetricCharts({ points, range, growth }: MetricChartsProps) {
  // Stable series objects, so the charts are rebuilt only when the data really changes.
  const series = useMemo(() => toSeries(points), [points]);
  return (
    <div className="row g-3">
      {METRICS.map((metric) => (
        <div key={metric.key} className="col-12 col-lg-6">
          <Card body>
            <MetricChart
              label={metric.label}
              color={metric.color}
              series={series[metric.key]}
              change={describeRangeChange(range, metric.key, points, growth)}
            />
          </Card>
        </div>
      ))}
    </div>
  );
}
