// DELETE /lists/{list_id}: deletes a list; its creators and their history stay.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { listQueryKey } from './get-list';
import { listsQueryKey } from './get-lists';

export function deleteList(listId: string) {
  return unwrap(apiClient.DELETE('/api/v1/lists/{list_id}', { params: { path: { list_id: listId } } }));
}

export function useDeleteList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteList,
    onSuccess: (_, listId) => {
      queryClient.removeQueries({ queryKey: listQueryKey(listId) });
      return queryClient.invalidateQueries({ queryKey: listsQueryKey, exact: true });
    },
  });
}
