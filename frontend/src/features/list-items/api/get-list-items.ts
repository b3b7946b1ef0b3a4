// GET /lists/{list_id}/items: the whole list in order (all pages) with its version, which every
// reorder must name.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { collectPages, MAX_PAGE_SIZE } from '@/lib/api/pagination';
import { hasCode, unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type ListItem = components['schemas']['ListItemResponse'];
export type ListItems = { version: number; items: ListItem[] };

/**
 * Nested under the `['lists', listId]` key of the list itself, so anything that refreshes a list
 * refreshes its items too.
 */
export const listItemsQueryKey = (listId: string) => ['lists', listId, 'items'] as const;

/** A reorder between two page reads voids the cursor; starting over a few times settles it. */
const STALE_CURSOR_ATTEMPTS = 3;

export async function getListItems(listId: string): Promise<ListItems> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { first, items } = await collectPages((cursor) =>
        unwrap(
          apiClient.GET('/api/v1/lists/{list_id}/items', {
            params: { path: { list_id: listId }, query: { limit: MAX_PAGE_SIZE, cursor } },
          }),
        ),
      );
      return { version: first.version, items };
    } catch (error) {
      if (hasCode(error, 'stale_cursor') && attempt < STALE_CURSOR_ATTEMPTS) continue;
      throw error;
    }
  }
}

export const listItemsQueryOptions = (listId: string) =>
  queryOptions({ queryKey: listItemsQueryKey(listId), queryFn: () => getListItems(listId) });

export function useListItems(listId: string) {
  return useQuery(listItemsQueryOptions(listId));
}
