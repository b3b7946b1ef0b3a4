// GET /campaigns/{campaign_id}/posts: the videos found for the campaign, each with the evidence of
// why (which rule matched what), dismissed ones included.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignQueryKey } from './get-campaign';

export type CampaignPost = components['schemas']['CampaignPostResponse'];
export type Evidence = CampaignPost['evidence'];

export const campaignPostsQueryKey = (campaignId: string) => [...campaignQueryKey(campaignId), 'posts'] as const;

export async function getCampaignPosts(campaignId: string): Promise<CampaignPost[]> {
  return (
    await unwrap(
      apiClient.GET('/api/v1/campaigns/{campaign_id}/posts', { params: { path: { campaign_id: campaignId } } }),
    )
  ).items;
}

export function useCampaignPosts(campaignId: string) {
  return useQuery(
    queryOptions({ queryKey: campaignPostsQueryKey(campaignId), queryFn: () => getCampaignPosts(campaignId) }),
  );
}
