// GET /campaigns/{campaign_id}: one campaign with its rules, status and counts.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { campaignsQueryKey } from './get-campaigns';

export const campaignQueryKey = (campaignId: string) => [...campaignsQueryKey, campaignId] as const;

export function getCampaign(campaignId: string) {
  return unwrap(apiClient.GET('/api/v1/campaigns/{campaign_id}', { params: { path: { campaign_id: campaignId } } }));
}

export const campaignQueryOptions = (campaignId: string) =>
  queryOptions({ queryKey: campaignQueryKey(campaignId), queryFn: () => getCampaign(campaignId) });

export function useCampaign(campaignId: string) {
  return useQuery(campaignQueryOptions(campaignId));
}
