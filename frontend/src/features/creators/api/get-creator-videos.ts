// GET /creators/{creator_id}/videos: the creator's videos zzyzx has fetched, newest or most viewed
// first, a page at a time ("load more" follows `next_cursor`).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { creatorQueryKey } from './get-creator';

export type VideoSort = components['schemas']['VideoSort'];

const PAGE_SIZE = 30;

export const creatorVideosQueryKey = (creatorId: string, sort: VideoSort) =>
  [...creatorQueryKey(creatorId), 'videos', sort] as const;

export function getCreatorVideos(creatorId: string, sort: VideoSort, cursor: string | undefined) {
  return unwrap(
    apiClient.GET('/api/v1/creators/{creator_id}/videos', {
      params: { path: { creator_id: creatorId }, query: { sort, limit: PAGE_SIZE, cursor } },
    }),
  );
}

export const creatorVideosQueryOptions = (creatorId: string, sort: VideoSort) =>
  infiniteQueryOptions({
    queryKey: creatorVideosQueryKey(creatorId, sort),
    queryFn: ({ pageParam }) => getCreatorVideos(creatorId, sort, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
  });

export function useCreatorVideos(creatorId: string, sort: VideoSort) {
  return useInfiniteQuery(creatorVideosQueryOptions(creatorId, sort));
}
