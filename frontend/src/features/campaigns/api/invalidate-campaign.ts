// What a change inside a campaign makes stale besides the thing changed: the counts on the campaign
// and the index, and the report.
import type { QueryClient } from '@tanstack/react-query';
import { campaignQueryKey } from './get-campaign';
import { campaignReportQueryKey } from './get-campaign-report';
import { campaignsQueryKey } from './get-campaigns';

export function invalidateCampaignSummary(queryClient: QueryClient, campaignId: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: campaignsQueryKey, exact: true }),
    queryClient.invalidateQueries({ queryKey: campaignQueryKey(campaignId), exact: true }),
    queryClient.invalidateQueries({ queryKey: campaignReportQueryKey(campaignId) }),
  ]);
}
