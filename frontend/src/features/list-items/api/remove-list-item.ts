// DELETE /lists/{list_id}/items/{item_id}: removes a creator from the list; their history stays.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type RemoveListItemInput = { listId: string; itemId: string };

export function removeListItem({ listId, itemId }: RemoveListItemInput) {
  return unwrap(
    apiClient.DELETE('/api/v1/lists/{list_id}/items/{item_id}', {
      params: { path: { list_id: listId, item_id: itemId } },
    }),
  );
}

export function useRemoveListItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeListItem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['lists'] }),
  });
}
