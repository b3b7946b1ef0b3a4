// GET /lists/{list_id}/share-links: a list's public links, newest first, revoked ones included
// (owners only).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type ShareLink = components['schemas']['ShareLinkResponse'];

export const shareLinksQueryKey = (listId: string) => ['lists', listId, 'share-links'] as const;

export async function getShareLinks(listId: string): Promise<ShareLink[]> {
  return (await unwrap(apiClient.GET('/api/v1/lists/{list_id}/share-links', { params: { path: { list_id: listId } } })))
    .items;
}

export function useShareLinks(listId: string, { enabled }: { enabled: boolean }) {
  return useQuery(
    queryOptions({ queryKey: shareLinksQueryKey(listId), queryFn: () => getShareLinks(listId), enabled }),
  );
}
