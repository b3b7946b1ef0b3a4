// POST /campaigns/{campaign_id}/orders: records one order by hand, credited to a creator.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignOrdersQueryKey } from './get-campaign-orders';
import { invalidateCampaignSummary } from './invalidate-campaign';

export type OrderInput = components['schemas']['OrderInput'];

export function addOrder({ campaignId, order }: { campaignId: string; order: OrderInput }) {
  return unwrap(
    apiClient.POST('/api/v1/campaigns/{campaign_id}/orders', {
      params: { path: { campaign_id: campaignId } },
      body: order,
    }),
  );
}

export function useAddOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addOrder,
    onSuccess: (_, { campaignId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignOrdersQueryKey(campaignId) }),
        invalidateCampaignSummary(queryClient, campaignId),
      ]),
  });
}
