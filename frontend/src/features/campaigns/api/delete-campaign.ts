// DELETE /campaigns/{campaign_id}: deletes a campaign with its pipeline, posts and orders (owners);
// the creators themselves stay tracked.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { campaignQueryKey } from './get-campaign';
import { campaignsQueryKey } from './get-campaigns';

export function deleteCampaign(campaignId: string) {
  return unwrap(apiClient.DELETE('/api/v1/campaigns/{campaign_id}', { params: { path: { campaign_id: campaignId } } }));
}

export function useDeleteCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCampaign,
    onSuccess: (_, campaignId) => {
      queryClient.removeQueries({ queryKey: campaignQueryKey(campaignId) });
      return queryClient.invalidateQueries({ queryKey: campaignsQueryKey, exact: true });
    },
  });
}
