// GET /campaigns/{campaign_id}/creators: the campaign's pipeline, every creator with their stage,
// contact, code, shipment and posts.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignQueryKey } from './get-campaign';

export type CampaignCreator = components['schemas']['CampaignCreatorResponse'];
export type Shipment = NonNullable<CampaignCreator['shipment']>;

export const campaignCreatorsQueryKey = (campaignId: string) => [...campaignQueryKey(campaignId), 'creators'] as const;

export async function getCampaignCreators(campaignId: string): Promise<CampaignCreator[]> {
  return (
    await unwrap(
      apiClient.GET('/api/v1/campaigns/{campaign_id}/creators', { params: { path: { campaign_id: campaignId } } }),
    )
  ).items;
}

export const campaignCreatorsQueryOptions = (campaignId: string) =>
  queryOptions({ queryKey: campaignCreatorsQueryKey(campaignId), queryFn: () => getCampaignCreators(campaignId) });

export function useCampaignCreators(campaignId: string) {
  return useQuery(campaignCreatorsQueryOptions(campaignId));
}

/** The cached pipeline with one entry replaced by the server's answer. */
export function withEntry(entries: CampaignCreator[] | undefined, entry: CampaignCreator) {
  return entries?.map((candidate) => (candidate.id === entry.id ? entry : candidate));
}
