// One metric over time as a uPlot line chart, its axes and legend in the app's formats (the legend
// shows the latest day until one is hovered). uPlot draws on a canvas, so the figure also carries a
// text summary for screen readers; the daily-gains table holds every number.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { countAxis, dayAxis, formatSecondsAsDay, legendValue } from '@/lib/chart-axes';
import { formatDay, formatWhole } from '@/lib/format';

export type MetricSeries = {
  /** Seconds since the epoch, ascending: uPlot's time unit. */
  times: number[];
  values: number[];
};

type MetricChartProps = {
  label: string;
  series: MetricSeries;
  color: string;
  /** The change over the chosen range, in words ("+1,500 in 30 days (since 20 Oct 2026)"); null until known. */
  change: string | null;
};

const CHART_HEIGHT = 220;

function describeSeries(label: string, { times, values }: MetricSeries, change: string | null): string {
  const first = values[0];
  const last = values[values.length - 1];
  const firstTime = times[0];
  const lastTime = times[times.length - 1];
  if (first === undefined || last === undefined || firstTime === undefined || lastTime === undefined) {
    return `${label}: no data in this range.`;
  }
  const from = formatDay(new Date(firstTime * 1000).toISOString());
  const to = formatDay(new Date(lastTime * 1000).toISOString());
  return `${label}: ${values.length} daily points from ${from} to ${to}; latest ${formatWhole(last)}${change ? `, ${change}` : ''}.`;
}

function chartOptions(label: string, color: string, width: number): uPlot.Options {
  return {
    width,
    height: CHART_HEIGHT,
    scales: { x: { time: true } },
    // Points are the last of each UTC day; label the axis in UTC too, or days drift by the viewer's offset.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    axes: [dayAxis, countAxis],
    series: [
      { label: 'Day', value: legendValue(formatSecondsAsDay) },
      { label, stroke: color, width: 2, fill: `${color}1f`, value: legendValue(formatWhole) },
    ],
    cursor: { drag: { x: false, y: false } },
  };
}

export function MetricChart({ label, series, color, change }: MetricChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = new uPlot(
      chartOptions(label, color, container.clientWidth || 600),
      [series.times, series.values],
      container,
    );
    // Follow the card's width: the grid reflows from two columns to one on narrow screens.
    const resizeObserver = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) chart.setSize({ width: entry.contentRect.width, height: CHART_HEIGHT });
    });
    resizeObserver.observe(container);
    return () => {
      resizeObserver.disconnect();
      chart.destroy();
    };
  }, [label, color, series]);

  const summary = describeSeries(label, series, change);
  return (
    <figure className="mb-0">
      <figcaption className="h6">
        {label}
        {change && (
          <span className="d-block small fw-normal text-body-secondary">
            {`${change.charAt(0).toUpperCase()}${change.slice(1)}`}
          </span>
        )}
      </figcaption>
      <div ref={containerRef} className="metric-chart" role="img" aria-label={summary} />
      <p className="visually-hidden">{summary}</p>
    </figure>
  );
}
