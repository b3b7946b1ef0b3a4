// POST /lists/{list_id}/share-links and /campaigns/{campaign_id}/share-links: a public, read-only
// link to a list's dashboard or a campaign's report (owners only). The answer is the only time the
// link's secret is shown.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { shareLinksQueryKey, type ShareLink, type ShareTarget } from './share-target';

/** `path` is the public page to hand out, to append to the app's address. */
export type CreatedShareLink = { link: ShareLink; path: string; token: string };

export function createShareLink({
  target,
  expiresAt,
}: {
  target: ShareTarget;
  expiresAt: string | null;
}): Promise<CreatedShareLink> {
  const body = expiresAt ? { expires_at: expiresAt } : {};
  return target.kind === 'list'
    ? unwrap(apiClient.POST('/api/v1/lists/{list_id}/share-links', { params: { path: { list_id: target.id } }, body }))
    : unwrap(
        apiClient.POST('/api/v1/campaigns/{campaign_id}/share-links', {
          params: { path: { campaign_id: target.id } },
          body,
        }),
      );
}

export function useCreateShareLink(target: ShareTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (expiresAt: string | null) => createShareLink({ target, expiresAt }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shareLinksQueryKey(target) }),
  });
}
