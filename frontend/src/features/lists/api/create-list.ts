// POST /lists: creates a list (names are unique per workspace: 409 `duplicate_list_name`).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { listsQueryKey } from './get-lists';

export type CreateListInput = components['schemas']['CreateListRequest'];

export function createList(input: CreateListInput) {
  return unwrap(apiClient.POST('/api/v1/lists', { body: input }));
}

export function useCreateList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createList,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listsQueryKey, exact: true }),
  });
}
