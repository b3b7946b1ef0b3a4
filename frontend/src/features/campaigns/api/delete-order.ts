// DELETE /campaigns/{campaign_id}/orders/{order_id}: removes an order entered or imported by mistake.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { campaignOrdersQueryKey } from './get-campaign-orders';
import { invalidateCampaignSummary } from './invalidate-campaign';

/** `orderId` is the row's own id, not the shop's order number. */
export function deleteOrder({ campaignId, orderId }: { campaignId: string; orderId: string }) {
  return unwrap(
    apiClient.DELETE('/api/v1/campaigns/{campaign_id}/orders/{order_id}', {
      params: { path: { campaign_id: campaignId, order_id: orderId } },
    }),
  );
}

export function useDeleteOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteOrder,
    onSuccess: (_, { campaignId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignOrdersQueryKey(campaignId) }),
        invalidateCampaignSummary(queryClient, campaignId),
      ]),
  });
}
