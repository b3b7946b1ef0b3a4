// DELETE /campaigns/{campaign_id}/creators/{entry_id}: takes a creator out of the campaign, with
// their posts and orders in it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { campaignQueryKey } from './get-campaign';
import { campaignsQueryKey } from './get-campaigns';

export function removeCampaignCreator({ campaignId, entryId }: { campaignId: string; entryId: string }) {
  return unwrap(
    apiClient.DELETE('/api/v1/campaigns/{campaign_id}/creators/{entry_id}', {
      params: { path: { campaign_id: campaignId, entry_id: entryId } },
    }),
  );
}

export function useRemoveCampaignCreator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeCampaignCreator,
    // Everything under the campaign: the pipeline, its posts, orders and report all lose the creator.
    onSuccess: (_, { campaignId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignQueryKey(campaignId) }),
        queryClient.invalidateQueries({ queryKey: campaignsQueryKey, exact: true }),
      ]),
  });
}
