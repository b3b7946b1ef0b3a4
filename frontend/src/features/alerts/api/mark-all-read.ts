// POST /inbox/read-all: marks every event so far read for the signed-in member; the bell's count
// and the inbox (an "unread only" view empties) are read again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { eventsQueryKey } from './get-events';
import { unreadCountQueryKey } from './get-unread-count';
import { markCachedRead } from './mark-event-read';

export async function markAllRead(): Promise<void> {
  await unwrap(apiClient.POST('/api/v1/inbox/read-all'));
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllRead,
    onSuccess: () => {
      markCachedRead(queryClient, () => true);
      queryClient.setQueryData(unreadCountQueryKey, 0);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: unreadCountQueryKey }),
        queryClient.invalidateQueries({ queryKey: eventsQueryKey }),
      ]);
    },
  });
}
