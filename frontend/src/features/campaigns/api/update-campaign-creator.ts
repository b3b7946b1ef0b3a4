// PATCH /campaigns/{campaign_id}/creators/{entry_id}: a creator's contact, discount code, fee and
// clicks in this campaign.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignCreatorsQueryKey, withEntry, type CampaignCreator } from './get-campaign-creators';
import { invalidateCampaignSummary } from './invalidate-campaign';

export type CampaignCreatorChanges = components['schemas']['EntryPatch'];
export type UpdateCampaignCreatorInput = { campaignId: string; entryId: string; changes: CampaignCreatorChanges };

export function updateCampaignCreator({ campaignId, entryId, changes }: UpdateCampaignCreatorInput) {
  return unwrap(
    apiClient.PATCH('/api/v1/campaigns/{campaign_id}/creators/{entry_id}', {
      params: { path: { campaign_id: campaignId, entry_id: entryId } },
      body: changes,
    }),
  );
}

export function useUpdateCampaignCreator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCampaignCreator,
    onSuccess: (entry, { campaignId }) => {
      queryClient.setQueryData<CampaignCreator[]>(campaignCreatorsQueryKey(campaignId), (entries) =>
        withEntry(entries, entry),
      );
      // A fee or clicks change the report's costs and rates.
      return invalidateCampaignSummary(queryClient, campaignId);
    },
  });
}
