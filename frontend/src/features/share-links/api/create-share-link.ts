// POST /lists/{list_id}/share-links: a public, read-only link to the list's dashboard (owners only).
// The answer is the only time the link's secret is shown.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { shareLinksQueryKey } from './get-share-links';

export type CreatedShareLink = components['schemas']['CreatedShareLinkResponse'];

export function createShareLink({ listId, expiresAt }: { listId: string; expiresAt: string | null }) {
  return unwrap(
    apiClient.POST('/api/v1/lists/{list_id}/share-links', {
      params: { path: { list_id: listId } },
      body: expiresAt ? { expires_at: expiresAt } : {},
    }),
  );
}

export function useCreateShareLink(listId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (expiresAt: string | null) => createShareLink({ listId, expiresAt }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shareLinksQueryKey(listId) }),
  });
}
