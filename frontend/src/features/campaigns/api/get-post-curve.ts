// GET /campaigns/{campaign_id}/posts/{post_id}/curve: a post's views, likes, comments and shares at
// each check since it was found.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignPostsQueryKey } from './get-campaign-posts';

export type CurvePoint = components['schemas']['CurvePoint'];

export const postCurveQueryKey = (campaignId: string, postId: string) =>
  [...campaignPostsQueryKey(campaignId), postId, 'curve'] as const;

export async function getPostCurve(campaignId: string, postId: string): Promise<CurvePoint[]> {
  return (
    await unwrap(
      apiClient.GET('/api/v1/campaigns/{campaign_id}/posts/{post_id}/curve', {
        params: { path: { campaign_id: campaignId, post_id: postId } },
      }),
    )
  ).points;
}

export function usePostCurve(campaignId: string, postId: string, { enabled }: { enabled: boolean }) {
  return useQuery(
    queryOptions({
      queryKey: postCurveQueryKey(campaignId, postId),
      queryFn: () => getPostCurve(campaignId, postId),
      enabled,
    }),
  );
}
