// GET /hashtags/{tag}/videos: recent videos under a hashtag, pulled through the data source (the
// server reuses a pull for a while), each with its creator, and the same creators one each with their
// followers and dashboard figures; `tracked` marks creators already in one of the workspace's lists.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type HashtagResults = components['schemas']['HashtagResponse'];
export type HashtagVideo = components['schemas']['HashtagVideoResponse'];
export type HashtagCreator = HashtagVideo['creator'];
/** One creator of the hashtag's videos, with their numbers and how many of the videos are theirs. */
export type HashtagCreatorRow = components['schemas']['HashtagCreatorResponse'];

const VIDEO_LIMIT = 60;

/** Prefix `['hashtags']`: adding a creator to a list refreshes every hashtag's `tracked` marks. */
export const hashtagQueryKey = (tag: string) => ['hashtags', tag] as const;

export function getHashtagVideos(tag: string): Promise<HashtagResults> {
  return unwrap(
    apiClient.GET('/api/v1/hashtags/{tag}/videos', { params: { path: { tag }, query: { limit: VIDEO_LIMIT } } }),
  );
}

export const hashtagQueryOptions = (tag: string) =>
  queryOptions({
    queryKey: hashtagQueryKey(tag),
    queryFn: () => getHashtagVideos(tag),
    // Every failure here comes with its own advice (no source, wait, try later); asking the
    // source again at once would only spend its quota.
    retry: false,
  });

export function useHashtagVideos(tag: string) {
  return useQuery(hashtagQueryOptions(tag));
}
