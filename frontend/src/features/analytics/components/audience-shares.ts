// Shares as people type them for one audience dimension: "US 60%, GB 20%" or "18-24: 0.41". A share
// is a fraction from 0 to 1 or a percentage; entries are separated by commas or new lines.

export type ParsedShares = { shares: Record<string, number> } | { error: string };

export function parseShares(text: string): ParsedShares {
  const shares: Record<string, number> = {};
  const entries = text
    .split(/[,\n;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const match = /^(.+?)[\s:=]+(\d+(?:\.\d+)?)\s*(%?)$/.exec(entry);
    if (!match) return { error: `“${entry}” is not a label and a share, like “US 60%”.` };
    const [, key = '', amount = '', percent] = match;
    const share = percent ? Number(amount) / 100 : Number(amount);
    if (share > 1) return { error: `“${entry}”: a share is at most 1 (or 100%).` };
    shares[key.trim()] = share;
  }
  return { shares };
}

/** The other way round, for showing a profile: {US: 0.6} → "US 60%". */
export function formatShares(shares: Record<string, number>, limit = 5): string {
  const sorted = Object.entries(shares).sort(([, a], [, b]) => b - a);
  const shown = sorted.slice(0, limit).map(([key, share]) => `${key} ${Math.round(share * 100)}%`);
  return sorted.length > limit ? `${shown.join(', ')} and ${sorted.length - limit} more` : shown.join(', ');
}

/** An estimated share with its 95% interval, as the estimator gives it. */
export interface EstimatedShare {
  code: string;
  share: number;
  interval: { low: number; high: number };
}

/** Estimated shares with their intervals: "en 67% (58–75%), es 33% (25–42%)". */
export function formatEstimatedShares(shares: EstimatedShare[], limit = 5): string {
  const percent = (x: number) => Math.round(x * 100);
  const sorted = [...shares].sort((a, b) => b.share - a.share);
  const shown = sorted
    .slice(0, limit)
    .map((s) => `${s.code} ${percent(s.share)}% (${percent(s.interval.low)}–${percent(s.interval.high)}%)`);
  return sorted.length > limit ? `${shown.join(', ')} and ${sorted.length - limit} more` : shown.join(', ');
}
