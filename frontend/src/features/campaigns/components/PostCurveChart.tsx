// A post's views, likes, comments and shares at each check since it was found, as a small uPlot
// chart: views on the left scale, the much smaller engagement counts on the right one, so both show
// their shape. The figure carries a summary in words, since the canvas says nothing to screen readers.
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { countAxis, legendValue } from '@/lib/chart-axes';
import { formatDateTime, formatWhole } from '@/lib/format';
import type { CurvePoint } from '../api/get-post-curve';

const HEIGHT = 180;
const SERIES = [
  { key: 'views', label: 'Views', color: '#0d6efd', scale: 'views' },
  { key: 'likes', label: 'Likes', color: '#d63384', scale: 'engagement' },
  { key: 'comments', label: 'Comments', color: '#198754', scale: 'engagement' },
  { key: 'shares', label: 'Shares', color: '#fd7e14', scale: 'engagement' },
] as const;

export function describeCurve(points: CurvePoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No checks yet.';
  const latest = SERIES.map((series) => `${formatWhole(last[series.key])} ${series.label.toLowerCase()}`).join(', ');
  return `${points.length} ${points.length === 1 ? 'check' : 'checks'} from ${formatDateTime(first.at)} to ${formatDateTime(last.at)}; latest ${latest}.`;
}

function chartOptions(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true } },
    axes: [{}, { ...countAxis, scale: 'views' }, { ...countAxis, scale: 'engagement', side: 1, grid: { show: false } }],
    series: [
      { label: 'Checked', value: legendValue((seconds) => formatDateTime(new Date(seconds * 1000).toISOString())) },
      ...SERIES.map((series) => ({
        label: series.label,
        scale: series.scale,
        stroke: series.color,
        width: 2,
        value: legendValue(formatWhole),
      })),
    ],
    cursor: { drag: { x: false, y: false } },
  };
}

export function PostCurveChart({ points }: { points: CurvePoint[] }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const data = useMemo(
    () => [
      points.map((point) => Date.parse(point.at) / 1000),
      ...SERIES.map((series) => points.map((point) => point[series.key])),
    ],
    [points],
  );

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = new uPlot(chartOptions(container.clientWidth || 480), data as uPlot.AlignedData, container);
    const resizeObserver = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) chart.setSize({ width: entry.contentRect.width, height: HEIGHT });
    });
    resizeObserver.observe(container);
    return () => {
      resizeObserver.disconnect();
      chart.destroy();
    };
  }, [data]);

  const summary = describeCurve(points);
  return (
    <figure className="mb-0">
      <div
        ref={containerRef}
        className="post-curve-chart"
        role="img"
        aria-label={`Views, likes, comments and shares over time: ${summary}`}
      />
      <figcaption className="small text-body-secondary">{summary}</figcaption>
    </figure>
  );
}
