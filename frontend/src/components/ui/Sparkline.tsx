// A tiny follower trend: one SVG polyline, no chart library, so a table of 500 rows stays cheap.
// Days without a snapshot (null) are skipped and the line joins their neighbours.
import { memo } from 'react';
import { formatCompact } from '@/lib/format';

type SparklineProps = {
  values: readonly (number | null)[];
  /** What the line shows, for screen readers: "Followers over the last 30 days". */
  label: string;
  width?: number;
  height?: number;
};

const PADDING = 2;

function describe(label: string, known: number[]): string {
  const first = known[0];
  const last = known[known.length - 1];
  if (first === undefined || last === undefined) return `${label}: no data`;
  const direction = last > first ? 'up' : last < first ? 'down' : 'flat';
  return `${label}: ${direction}, from ${formatCompact(first)} to ${formatCompact(last)}`;
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
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min || 1;
  const step = (width - PADDING * 2) / Math.max(values.length - 1, 1);
  const points: string[] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    const x = PADDING + index * step;
    // A flat line sits in the middle rather than on the floor.
    const y = max === min ? height / 2 : height - PADDING - ((value - min) / span) * (height - PADDING * 2);
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
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
});
