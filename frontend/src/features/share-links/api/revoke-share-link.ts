// DELETE /lists/{list_id}/share-links/{link_id}: the link's page stops working at once (owners only).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { shareLinksQueryKey, type ShareLink } from './get-share-links';

export function revokeShareLink({ listId, linkId }: { listId: string; linkId: string }): Promise<ShareLink> {
  return unwrap(
    apiClient.DELETE('/api/v1/lists/{list_id}/share-links/{link_id}', {
      params: { path: { list_id: listId, link_id: linkId } },
    }),
  );
}

export function useRevokeShareLink(listId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => revokeShareLink({ listId, linkId }),
    onSuccess: (revoked) =>
      queryClient.setQueryData<ShareLink[]>(shareLinksQueryKey(listId), (links) =>
        links?.map((link) => (link.id === revoked.id ? revoked : link)),
      ),
  });
}
