// GET /lists/{list_id}: one list's name, description and counts.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { listsQueryKey } from './get-lists';

export const listQueryKey = (listId: string) => [...listsQueryKey, listId] as const;

export function getList(listId: string) {
  return unwrap(apiClient.GET('/api/v1/lists/{list_id}', { params: { path: { list_id: listId } } }));
}

export const listQueryOptions = (listId: string) =>
  queryOptions({ queryKey: listQueryKey(listId), queryFn: () => getList(listId) });

export function useList(listId: string) {
  return useQuery(listQueryOptions(listId));
}
