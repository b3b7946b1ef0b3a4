// GET /lists: every list of the workspace, oldest first (all pages).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { collectPages, MAX_PAGE_SIZE } from '@/lib/api/pagination';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type List = components['schemas']['ListResponse'];

/** Prefix of every list query: the index, each list and each list's items live under it. */
export const listsQueryKey = ['lists'] as const;

export async function getLists(): Promise<List[]> {
  const { items } = await collectPages((cursor) =>
    unwrap(apiClient.GET('/api/v1/lists', { params: { query: { limit: MAX_PAGE_SIZE, cursor } } })),
  );
  return items;
}

export const listsQueryOptions = () => queryOptions({ queryKey: listsQueryKey, queryFn: getLists });

export function useLists() {
  return useQuery(listsQueryOptions());
}
