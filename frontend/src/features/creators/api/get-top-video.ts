// GET /creators/{creator_id}/top-video: the most viewed video posted in the last `days` days, if
// zzyzx has fetched any.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { creatorQueryKey } from './get-creator';

export type Video = components['schemas']['VideoResponse'];

export const TOP_VIDEO_DAYS = 90;

export const topVideoQueryKey = (creatorId: string, days: number) =>
  [...creatorQueryKey(creatorId), 'top-video', days] as const;

export async function getTopVideo(creatorId: string, days: number): Promise<Video | null> {
  const response = await unwrap(
    apiClient.GET('/api/v1/creators/{creator_id}/top-video', {
      params: { path: { creator_id: creatorId }, query: { days } },
    }),
  );
  return response.video ?? null;
}

export const topVideoQueryOptions = (creatorId: string, days: number) =>
  queryOptions({ queryKey: topVideoQueryKey(creatorId, days), queryFn: () => getTopVideo(creatorId, days) });

export function useTopVideo(creatorId: string, days: number = TOP_VIDEO_DAYS) {
  return useQuery(topVideoQueryOptions(creatorId, days));
}
