// POST /campaigns/{campaign_id}/posts: attaches a video by its TikTok URL, for a post the rules did
// not find.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { campaignCreatorsQueryKey } from './get-campaign-creators';
import { campaignPostsQueryKey } from './get-campaign-posts';
import { invalidateCampaignSummary } from './invalidate-campaign';

export function attachPost({ campaignId, videoUrl }: { campaignId: string; videoUrl: string }) {
  return unwrap(
    apiClient.POST('/api/v1/campaigns/{campaign_id}/posts', {
      params: { path: { campaign_id: campaignId } },
      body: { video_url: videoUrl },
    }),
  );
}

export function useAttachPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: attachPost,
    // A first post moves its creator to "posted" and changes the report.
    onSuccess: (_, { campaignId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignPostsQueryKey(campaignId) }),
        queryClient.invalidateQueries({ queryKey: campaignCreatorsQueryKey(campaignId) }),
        invalidateCampaignSummary(queryClient, campaignId),
      ]),
  });
}
