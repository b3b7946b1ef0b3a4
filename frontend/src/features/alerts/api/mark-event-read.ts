// POST /events/{event_id}/read: marks one event read for the signed-in member. The inbox shows it
// read at once, where it is (it does not jump out of an "unread only" view under the pointer), and
// the bell asks for its count again.
import { useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { eventsQueryKey, type EventsPage } from './get-events';
import { unreadCountQueryKey } from './get-unread-count';

export async function markEventRead(eventId: string): Promise<void> {
  await unwrap(apiClient.POST('/api/v1/events/{event_id}/read', { params: { path: { event_id: eventId } } }));
}

/** Marks the cached events `which` picks read, in every page of every filter. */
export function markCachedRead(queryClient: QueryClient, which: (eventId: string) => boolean): void {
  queryClient.setQueriesData<InfiniteData<EventsPage>>({ queryKey: eventsQueryKey }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((event) => (which(event.id) ? { ...event, read: true } : event)),
          })),
        }
      : data,
  );
}

export function useMarkEventRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markEventRead,
    onSuccess: (_nothing, eventId) => {
      markCachedRead(queryClient, (id) => id === eventId);
      return queryClient.invalidateQueries({ queryKey: unreadCountQueryKey });
    },
  });
}
