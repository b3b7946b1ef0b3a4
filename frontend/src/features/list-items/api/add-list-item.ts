// POST /lists/{list_id}/items: adds a creator by handle, @handle or profile URL.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type AddListItemInput = { listId: string; item: components['schemas']['AddItemRequest'] };

export function addListItem({ listId, item }: AddListItemInput) {
  return unwrap(apiClient.POST('/api/v1/lists/{list_id}/items', { params: { path: { list_id: listId } }, body: item }));
}

export function useAddListItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addListItem,
    onSuccess: () =>
      Promise.all([
        // The whole `lists` prefix: this list's items and version, and the item counts on the index.
        queryClient.invalidateQueries({ queryKey: ['lists'] }),
        // Hashtag results and creator suggestions mark the creators already in a list.
        queryClient.invalidateQueries({ queryKey: ['hashtags'] }),
        queryClient.invalidateQueries({ queryKey: ['creator-search'] }),
      ]),
  });
}
