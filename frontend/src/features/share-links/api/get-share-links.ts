// GET /lists/{list_id}/share-links and /campaigns/{campaign_id}/share-links: the public links to a
// dashboard or a report, newest first, revoked ones included (owners only).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { shareLinksQueryKey, type ShareLink, type ShareTarget } from './share-target';

export async function getShareLinks(target: ShareTarget): Promise<ShareLink[]> {
  const page =
    target.kind === 'list'
      ? await unwrap(apiClient.GET('/api/v1/lists/{list_id}/share-links', { params: { path: { list_id: target.id } } }))
      : await unwrap(
          apiClient.GET('/api/v1/campaigns/{campaign_id}/share-links', {
            params: { path: { campaign_id: target.id } },
          }),
        );
  return page.items;
}

export function useShareLinks(target: ShareTarget, { enabled }: { enabled: boolean }) {
  return useQuery(
    queryOptions({ queryKey: shareLinksQueryKey(target), queryFn: () => getShareLinks(target), enabled }),
  );
}
