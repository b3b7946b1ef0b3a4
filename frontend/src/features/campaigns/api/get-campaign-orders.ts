// GET /campaigns/{campaign_id}/orders: the orders credited to the campaign's creators, by hand, by
// import or from the demo source.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignQueryKey } from './get-campaign';

export type CampaignOrder = components['schemas']['CampaignOrderResponse'];

export const campaignOrdersQueryKey = (campaignId: string) => [...campaignQueryKey(campaignId), 'orders'] as const;

export async function getCampaignOrders(campaignId: string): Promise<CampaignOrder[]> {
  return (
    await unwrap(
      apiClient.GET('/api/v1/campaigns/{campaign_id}/orders', { params: { path: { campaign_id: campaignId } } }),
    )
  ).items;
}

export function useCampaignOrders(campaignId: string) {
  return useQuery(
    queryOptions({ queryKey: campaignOrdersQueryKey(campaignId), queryFn: () => getCampaignOrders(campaignId) }),
  );
}
