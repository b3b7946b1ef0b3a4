// POST /campaigns/{campaign_id}/posts/{post_id}/dismiss: "not about us". The post stops counting and
// is never detected again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { campaignCreatorsQueryKey } from './get-campaign-creators';
import { campaignPostsQueryKey, type CampaignPost } from './get-campaign-posts';
import { invalidateCampaignSummary } from './invalidate-campaign';

export function dismissPost({ campaignId, postId }: { campaignId: string; postId: string }) {
  return unwrap(
    apiClient.POST('/api/v1/campaigns/{campaign_id}/posts/{post_id}/dismiss', {
      params: { path: { campaign_id: campaignId, post_id: postId } },
    }),
  );
}

export function useDismissPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: dismissPost,
    onSuccess: (dismissed, { campaignId }) => {
      queryClient.setQueryData<CampaignPost[]>(campaignPostsQueryKey(campaignId), (posts) =>
        posts?.map((post) => (post.id === dismissed.id ? dismissed : post)),
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignCreatorsQueryKey(campaignId) }),
        invalidateCampaignSummary(queryClient, campaignId),
      ]);
    },
  });
}
