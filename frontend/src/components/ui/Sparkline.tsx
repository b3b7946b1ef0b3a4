// A tiny follower trend: one SVG polyline, no chart library, so a table of 500 rows stays cheap.
// Days without a snapshot (null) are skipped and the line joins their neighbours. The scale is never
// tighter than ±5% of the value, so a drift of 0.1% draws as the near-flat line it is rather than as
// a crash from the top of the box to the bottom.
import { memo } from 'react';
import { formatPercent } from '@/lib/analytics-format';
import { formatWhole } from '@/lib/format';

type SparklineProps = {
  values: readonly (number | null)[];
  /** What the line shows, for screen readers: "Followers over the last 30 days". */
  label: string;
  width?: number;
  height?: number;
};

const PADDING = 2;
/** Half the least span of the scale, as a share of the value it is centred on. */
export const MIN_HALF_SPAN = 0.05;

/** The values the top and bottom of the box stand for: the data's range, widened to at least ±5%. */
export function sparklineScale(known: readonly number[]): { low: number; high: number } {
  const min = Math.min(...known);
  const max = Math.max(...known);
  const middle = (min + max) / 2;
  // A line of zeros still needs a scale of some height.
  const half = Math.max((max - min) / 2, Math.abs(middle) * MIN_HALF_SPAN, 1);
  return { low: middle - half, high: middle + half };
}

function describe(label: string, known: number[]): string {
  const first = known[0];
  const last = known[known.length - 1];
  if (first === undefined || last === undefined) return `${label}: no data`;
  const direction = last > first ? 'up' : last < first ? 'down' : 'flat';
  const percent = first > 0 && last !== first ? ` ${formatPercent((Math.abs(last - first) / first) * 100)}` : '';
  return (
    `${label}: ${direction}${percent}, from ${formatWhole(first)} to ${formatWhole(last)}. ` +
    `Drawn to scale: the box spans at least ±${MIN_HALF_SPAN * 100}% of the count, so small changes look small.`
  );
}

export const Sparkline = memo(function Sparkline({ values, label, width = 96, height = 28 }: SparklineProps) {
  const known = values.filter((value): value is number => value !== null);
  const summary = describe(label, known);
  if (known.length < 2) {
    return (
      <span className="sparkline-empty small text-body-secondary" title={summary}>
        —<span className="visually-hidden">{summary}</span>
      </span>
    );
  }
  const { low, high } = sparklineScale(known);
  const step = (width - PADDING * 2) / Math.max(values.length - 1, 1);
  const points: string[] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    const x = PADDING + index * step;
    const y = height - PADDING - ((value - low) / (high - low)) * (height - PADDING * 2);
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  const first = known[0] ?? 0;
  const last = known[known.length - 1] ?? 0;
  const tone = last > first ? 'text-success' : last < first ? 'text-danger' : 'text-body-secondary';
  return (
    <svg
      className={`sparkline ${tone}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={summary}
    >
      <title>{summary}</title>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
});
