// POST /campaigns: creates a campaign (editors and owners).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignsQueryKey } from './get-campaigns';

export type CampaignInput = components['schemas']['CampaignInput'];

export function createCampaign(input: CampaignInput) {
  return unwrap(apiClient.POST('/api/v1/campaigns', { body: input }));
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCampaign,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignsQueryKey, exact: true }),
  });
}
