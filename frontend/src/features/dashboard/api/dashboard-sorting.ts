// The dashboard's order lives in the address (`?sort=growth_7d&order=desc`), so a sorted view can be
// bookmarked and shared. Anything unknown there falls back to the list's own order.
import type { DashboardSort, DashboardSorting, SortOrder } from './get-dashboard';

const SORTS: readonly DashboardSort[] = [
  'position',
  'handle',
  'followers',
  'growth_7d',
  'growth_30d',
  'acceleration',
  'engagement',
  'outliers',
  'rising',
  'fit',
];

export const DEFAULT_SORTING: DashboardSorting = { sort: 'position', order: 'asc' };

/** The order a column sorts in first: names and places A→Z, numbers biggest first (as the server does). */
export function defaultOrder(sort: DashboardSort): SortOrder {
  return sort === 'position' || sort === 'handle' ? 'asc' : 'desc';
}

export function parseSorting(params: URLSearchParams): DashboardSorting {
  const sort = params.get('sort');
  if (!SORTS.includes(sort as DashboardSort)) return DEFAULT_SORTING;
  const order = params.get('order');
  const known = sort as DashboardSort;
  return { sort: known, order: order === 'asc' || order === 'desc' ? order : defaultOrder(known) };
}

/** Clicking the column already sorted on flips it; another column starts in its natural order. */
export function nextSorting(current: DashboardSorting, clicked: DashboardSort): DashboardSorting {
  if (current.sort === clicked) return { sort: clicked, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: clicked, order: defaultOrder(clicked) };
}
