// GET /campaigns: every campaign of the workspace, newest first, with its status and counts.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type Campaign = components['schemas']['CampaignResponse'];
export type CampaignStatus = Campaign['status'];

/** Prefix of every campaign query: the index, each campaign and everything inside one live under it. */
export const campaignsQueryKey = ['campaigns'] as const;

export async function getCampaigns(): Promise<Campaign[]> {
  return (await unwrap(apiClient.GET('/api/v1/campaigns'))).items;
}

export const campaignsQueryOptions = () => queryOptions({ queryKey: campaignsQueryKey, queryFn: getCampaigns });

export function useCampaigns({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...campaignsQueryOptions(), enabled });
}
