// The follower projection as a small uPlot chart: the last 60 days as recorded, then the linear and
// recent-weighted projections with the 80% band shaded between its edges. uPlot draws on a canvas,
// so the figure also carries a summary in words.
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { countAxis, dayAxis } from '@/lib/chart-axes';
import { formatWhole } from '@/lib/format';
import type { CreatorAnalytics } from '../api/get-creator-analytics';

const HEIGHT = 200;
const HISTORY_DAYS = 60;
const ACTUAL = '#0d6efd';
const LINEAR = '#fd7e14';
const WEIGHTED = '#6f42c1';
// Visible at any scale: a band only a few followers wide still shows its two edges.
const BAND_FILL = 'rgba(253, 126, 20, 0.3)';
const BAND_EDGE = 'rgba(253, 126, 20, 0.85)';

type ChartData = [
  number[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
];

const seconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

function toChartData(
  dailyGains: CreatorAnalytics['daily_gains'],
  projection: CreatorAnalytics['projection'],
): ChartData {
  const history = dailyGains.slice(-HISTORY_DAYS);
  const times: number[] = [];
  const actual: (number | null)[] = [];
  const linear: (number | null)[] = [];
  const weighted: (number | null)[] = [];
  const low: (number | null)[] = [];
  const high: (number | null)[] = [];
  history.forEach((day, index) => {
    times.push(seconds(day.date));
    actual.push(day.followers);
    // The projections start from the last recorded day, so the lines join.
    const last = index === history.length - 1 ? day.followers : null;
    linear.push(last);
    weighted.push(last);
    low.push(last);
    high.push(last);
  });
  for (const point of projection.points) {
    times.push(seconds(point.date));
    actual.push(null);
    linear.push(point.mid);
    weighted.push(point.weighted ?? null);
    low.push(point.low ?? null);
    high.push(point.high ?? null);
  }
  return [times, actual, linear, weighted, low, high];
}

export function projectionChartOptions(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true } },
    tzDate: (time) => uPlot.tzDate(new Date(time * 1000), 'Etc/UTC'),
    axes: [dayAxis, countAxis],
    series: [
      { label: 'Day' },
      { label: 'Followers', stroke: ACTUAL, width: 2 },
      { label: 'Linear', stroke: LINEAR, width: 2, dash: [6, 4] },
      { label: 'Weighted', stroke: WEIGHTED, width: 1.5, dash: [2, 3] },
      { label: '80% low', stroke: BAND_EDGE, width: 1 },
      { label: '80% high', stroke: BAND_EDGE, width: 1 },
    ],
    bands: [{ series: [5, 4], fill: BAND_FILL }],
    // The caption names the lines; a legend of six series (two of them band edges) is noise.
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
  };
}

function summarize(projection: CreatorAnalytics['projection']): string {
  const last = projection.points[projection.points.length - 1];
  if (!last || projection.current == null) return 'Follower projection: not available.';
  const band =
    last.low != null && last.high != null
      ? ` (80% band ${formatWhole(Math.round(last.low))} to ${formatWhole(Math.round(last.high))})`
      : '';
  return (
    `Follower projection: ${formatWhole(projection.current)} now; ${formatWhole(Math.round(last.mid))} ` +
    `in ${last.days_ahead} days at the 30-day pace${band}.`
  );
}

type ProjectionChartProps = {
  dailyGains: CreatorAnalytics['daily_gains'];
  projection: CreatorAnalytics['projection'];
};

export function ProjectionChart({ dailyGains, projection }: ProjectionChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const data = useMemo(() => toChartData(dailyGains, projection), [dailyGains, projection]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = new uPlot(projectionChartOptions(container.clientWidth || 480), data, container);
    const resizeObserver = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) chart.setSize({ width: entry.contentRect.width, height: HEIGHT });
    });
    resizeObserver.observe(container);
    return () => {
      resizeObserver.disconnect();
      chart.destroy();
    };
  }, [data]);

  const summary = summarize(projection);
  return (
    <figure className="mb-2">
      <div ref={containerRef} className="projection-chart" role="img" aria-label={summary} />
      <figcaption className="small text-body-secondary">
        Recorded followers (solid), projected at the 30-day pace (dashed) and the recent-weighted pace (dotted); the
        shaded area between the thin orange edges is the 80% band, where the count should land 8 times in 10.
      </figcaption>
    </figure>
  );
}
