// GET /shared/dashboard: the dashboard a share link opens, for anyone holding the link. The link's
// secret is the only credential sent: no session token, no workspace, no cookies, and a refusal
// (401: revoked, expired or unknown) is final rather than a reason to refresh a session.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/lib/api/problem';
import { publicClient } from '@/lib/api/public-client';
import type { components } from '@/lib/api/schema';
import type { DashboardSorting } from './get-dashboard';

/** A dashboard without the list's notes and tags. */
export type SharedDashboard = components['schemas']['SharedDashboardResponse'];

export const sharedDashboardQueryKey = (token: string, { sort, order }: DashboardSorting) =>
  ['shared-dashboard', token, sort, order] as const;

export function getSharedDashboard(token: string, { sort, order }: DashboardSorting): Promise<SharedDashboard> {
  return unwrap(
    publicClient.GET('/api/v1/shared/dashboard', {
      params: { query: { sort, order } },
      headers: { Authorization: `Bearer ${token}` },
      credentials: 'omit',
    }),
  );
}

export function useSharedDashboard(token: string, sorting: DashboardSorting) {
  return useQuery(
    queryOptions({
      queryKey: sharedDashboardQueryKey(token, sorting),
      queryFn: () => getSharedDashboard(token, sorting),
      enabled: token !== '',
      placeholderData: keepPreviousData,
    }),
  );
}
