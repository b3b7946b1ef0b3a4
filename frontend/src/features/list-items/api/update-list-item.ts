// PATCH /lists/{list_id}/items/{item_id}: changes an item's note or tags.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { listItemsQueryKey, type ListItems } from './get-list-items';

export type UpdateListItemInput = {
  listId: string;
  itemId: string;
  changes: components['schemas']['UpdateItemRequest'];
};

export function updateListItem({ listId, itemId, changes }: UpdateListItemInput) {
  return unwrap(
    apiClient.PATCH('/api/v1/lists/{list_id}/items/{item_id}', {
      params: { path: { list_id: listId, item_id: itemId } },
      body: changes,
    }),
  );
}

export function useUpdateListItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateListItem,
    onSuccess: (updated, { listId }) => {
      // The edit changes neither order nor version: patch the cached row instead of refetching all pages.
      queryClient.setQueryData<ListItems>(
        listItemsQueryKey(listId),
        (current) =>
          current && { ...current, items: current.items.map((item) => (item.id === updated.id ? updated : item)) },
      );
    },
  });
}
