// PATCH /campaigns/{campaign_id}: changes any of a campaign's details or rules. New rules change
// which posts are found and new costs change the report, so everything under the campaign is read again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignQueryKey } from './get-campaign';
import { campaignsQueryKey } from './get-campaigns';

export type CampaignChanges = components['schemas']['CampaignPatch'];
export type UpdateCampaignInput = { campaignId: string; changes: CampaignChanges };

export function updateCampaign({ campaignId, changes }: UpdateCampaignInput) {
  return unwrap(
    apiClient.PATCH('/api/v1/campaigns/{campaign_id}', {
      params: { path: { campaign_id: campaignId } },
      body: changes,
    }),
  );
}

export function useUpdateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCampaign,
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignQueryKey(campaign.id), campaign);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignsQueryKey, exact: true }),
        queryClient.invalidateQueries({ queryKey: campaignQueryKey(campaign.id) }),
      ]);
    },
  });
}
