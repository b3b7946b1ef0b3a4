// PATCH /lists/{list_id}: renames a list or changes its description.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { listQueryKey } from './get-list';
import { listsQueryKey } from './get-lists';

export type UpdateListInput = { listId: string; changes: components['schemas']['UpdateListRequest'] };

export function updateList({ listId, changes }: UpdateListInput) {
  return unwrap(apiClient.PATCH('/api/v1/lists/{list_id}', { params: { path: { list_id: listId } }, body: changes }));
}

export function useUpdateList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateList,
    onSuccess: (list) => {
      queryClient.setQueryData(listQueryKey(list.id), list);
      return queryClient.invalidateQueries({ queryKey: listsQueryKey, exact: true });
    },
  });
}
