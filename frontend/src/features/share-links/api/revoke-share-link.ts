// DELETE /lists/{list_id}/share-links/{link_id} and /campaigns/{campaign_id}/share-links/{link_id}:
// the link's page stops working at once (owners only).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { shareLinksQueryKey, type ShareLink, type ShareTarget } from './share-target';

export function revokeShareLink({ target, linkId }: { target: ShareTarget; linkId: string }): Promise<ShareLink> {
  return target.kind === 'list'
    ? unwrap(
        apiClient.DELETE('/api/v1/lists/{list_id}/share-links/{link_id}', {
          params: { path: { list_id: target.id, link_id: linkId } },
        }),
      )
    : unwrap(
        apiClient.DELETE('/api/v1/campaigns/{campaign_id}/share-links/{link_id}', {
          params: { path: { campaign_id: target.id, link_id: linkId } },
        }),
      );
}

export function useRevokeShareLink(target: ShareTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => revokeShareLink({ target, linkId }),
    onSuccess: (revoked) =>
      queryClient.setQueryData<ShareLink[]>(shareLinksQueryKey(target), (links) =>
        links?.map((link) => (link.id === revoked.id ? revoked : link)),
      ),
  });
}
