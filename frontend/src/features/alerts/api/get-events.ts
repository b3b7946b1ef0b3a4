// GET /events: what zzyzx noticed about the workspace, newest first, a page at a time ("load more"
// follows `next_cursor`), narrowed by type and to the events the member has not read.
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import type { EventType } from '@/lib/event-types';
import { alertsQueryKey } from './get-unread-count';

export type AlertEvent = components['schemas']['EventView'];
export type EventsPage = components['schemas']['Page_EventView'];

export type InboxFilters = { type: EventType | null; unreadOnly: boolean };

const PAGE_SIZE = 30;

/** Prefix of every page of the inbox, whatever its filters. */
export const eventsQueryKey = [...alertsQueryKey, 'events'] as const;

export function getEvents({ type, unreadOnly }: InboxFilters, cursor: string | undefined): Promise<EventsPage> {
  return unwrap(
    apiClient.GET('/api/v1/events', {
      params: {
        query: { type: type ?? undefined, unread: unreadOnly ? true : undefined, limit: PAGE_SIZE, cursor },
      },
    }),
  );
}

export const eventsQueryOptions = (filters: InboxFilters) =>
  infiniteQueryOptions({
    queryKey: [...eventsQueryKey, filters],
    queryFn: ({ pageParam }) => getEvents(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
  });

export function useEvents(filters: InboxFilters) {
  return useInfiniteQuery(eventsQueryOptions(filters));
}
