// POST /campaigns/{campaign_id}/creators: adds creators by id, a whole list, or handles; creators
// already in the campaign are counted, not added twice.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignCreatorsQueryKey } from './get-campaign-creators';
import { invalidateCampaignSummary } from './invalidate-campaign';

export type AddCampaignCreators = components['schemas']['AddCreators'];
export type AddedCampaignCreators = components['schemas']['AddCreatorsResponse'];

export function addCampaignCreators({ campaignId, add }: { campaignId: string; add: AddCampaignCreators }) {
  return unwrap(
    apiClient.POST('/api/v1/campaigns/{campaign_id}/creators', {
      params: { path: { campaign_id: campaignId } },
      body: add,
    }),
  );
}

export function useAddCampaignCreators() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addCampaignCreators,
    onSuccess: (_, { campaignId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignCreatorsQueryKey(campaignId) }),
        invalidateCampaignSummary(queryClient, campaignId),
      ]),
  });
}
