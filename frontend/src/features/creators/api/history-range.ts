// The ranges a creator's history can be viewed over. Kept apart from the fetchers because both
// the JSON history and the CSV export use them.

export const HISTORY_RANGES = [
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '90 days', days: 90 },
  { id: '1y', label: '1 year', days: 365 },
  { id: 'all', label: 'All', days: null },
] as const;

export type HistoryRange = (typeof HISTORY_RANGES)[number]['id'];

export const DEFAULT_HISTORY_RANGE: HistoryRange = '90d';

export function isHistoryRange(value: string | null): value is HistoryRange {
  return HISTORY_RANGES.some((range) => range.id === value);
}

/** Early enough to include any snapshot: the API's own default would stop at one year. */
const BEGINNING_OF_HISTORY = '2000-01-01T00:00:00Z';

/** The `from` query parameter for a range ending now. */
export function historyRangeStart(range: HistoryRange, now: Date = new Date()): string {
  const days = HISTORY_RANGES.find((candidate) => candidate.id === range)?.days;
  if (days == null) return BEGINNING_OF_HISTORY;
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
}
