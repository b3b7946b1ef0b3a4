// PUT /campaigns/{campaign_id}/creators/{entry_id}/shipment: when the product went out, how many
// units, at what cost, with which carrier, and when it arrived.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignCreatorsQueryKey, withEntry, type CampaignCreator } from './get-campaign-creators';
import { invalidateCampaignSummary } from './invalidate-campaign';

export type ShipmentInput = components['schemas']['ShipmentInput'];
export type SetShipmentInput = { campaignId: string; entryId: string; shipment: ShipmentInput };

export function setShipment({ campaignId, entryId, shipment }: SetShipmentInput) {
  return unwrap(
    apiClient.PUT('/api/v1/campaigns/{campaign_id}/creators/{entry_id}/shipment', {
      params: { path: { campaign_id: campaignId, entry_id: entryId } },
      body: shipment,
    }),
  );
}

export function useSetShipment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setShipment,
    onSuccess: (entry, { campaignId }) => {
      queryClient.setQueryData<CampaignCreator[]>(campaignCreatorsQueryKey(campaignId), (entries) =>
        withEntry(entries, entry),
      );
      return invalidateCampaignSummary(queryClient, campaignId);
    },
  });
}
