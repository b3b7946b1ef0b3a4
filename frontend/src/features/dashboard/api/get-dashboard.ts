// GET /lists/{list_id}/dashboard: every creator of a list with their growth, engagement, outliers,
// rising flag, fit, top video and a 30-day sparkline, sorted by the server; plus the list's totals.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type Dashboard = components['schemas']['DashboardResponse'];
export type DashboardRow = components['schemas']['DashboardRow'];
/** What a dashboard table shows of a row: the part a share link may show too. */
export type DashboardTableRow = components['schemas']['SharedDashboardRow'];
export type DashboardSort = components['schemas']['DashboardSort'];
export type SortOrder = components['schemas']['SortOrder'];
export type DashboardSorting = { sort: DashboardSort; order: SortOrder };

/** Under the list's own key, so adding, removing or importing (which invalidate `['lists']`) refresh it. */
export const dashboardQueryKey = (listId: string, { sort, order }: DashboardSorting) =>
  ['lists', listId, 'dashboard', sort, order] as const;

export function getDashboard(listId: string, { sort, order }: DashboardSorting): Promise<Dashboard> {
  return unwrap(
    apiClient.GET('/api/v1/lists/{list_id}/dashboard', {
      params: { path: { list_id: listId }, query: { sort, order } },
    }),
  );
}

export function useDashboard(listId: string, sorting: DashboardSorting) {
  return useQuery(
    queryOptions({
      queryKey: dashboardQueryKey(listId, sorting),
      queryFn: () => getDashboard(listId, sorting),
      // Keep the rows on screen while another order loads, rather than flashing a spinner.
      placeholderData: keepPreviousData,
    }),
  );
}
