// Followers, likes, videos and following over the chosen range, one chart each.
import { useMemo } from 'react';
import Card from 'react-bootstrap/Card';
import type { HistoryPoint } from '../api/get-creator-history';
import { MetricChart, type MetricSeries } from './MetricChart';

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

export function MetricCharts({ points }: { points: HistoryPoint[] }) {
  // Stable series objects, so the charts are rebuilt only when the data really changes.
  const series = useMemo(() => toSeries(points), [points]);
  return (
    <div className="row g-3">
      {METRICS.map((metric) => (
        <div key={metric.key} className="col-12 col-lg-6">
          <Card body>
            <MetricChart label={metric.label} color={metric.color} series={series[metric.key]} />
          </Card>
        </div>
      ))}
    </div>
  );
}
