// GET /inbox/unread-count: how many events the signed-in member has not read, the number on the
// bell. Asked again every minute and whenever the window gets focus, so news shows without a reload.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** Prefix of every alerts query: the inbox's pages, the unread count, the rules and the digest. */
export const alertsQueryKey = ['alerts'] as const;
export const unreadCountQueryKey = [...alertsQueryKey, 'unread-count'] as const;

const REFETCH_MS = 60_000;

export async function getUnreadCount(): Promise<number> {
  return (await unwrap(apiClient.GET('/api/v1/inbox/unread-count'))).unread;
}

export function useUnreadCount() {
  return useQuery(
    queryOptions({
      queryKey: unreadCountQueryKey,
      queryFn: getUnreadCount,
      refetchInterval: REFETCH_MS,
      refetchOnWindowFocus: 'always',
    }),
  );
}
