// GET /campaigns/{campaign_id}/report: what the campaign cost and brought, in total and per creator,
// each creator's estimate beside the actual, and the rates the campaign suggests for the analytics.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignQueryKey } from './get-campaign';

export type CampaignReport = components['schemas']['CampaignReportResponse'];
export type ReportTotals = CampaignReport['totals'];
export type CreatorReport = CampaignReport['creators'][number];
export type Proposals = CampaignReport['proposals'];
export type Measure = ReportTotals['roas'];

export const campaignReportQueryKey = (campaignId: string) => [...campaignQueryKey(campaignId), 'report'] as const;

export function getCampaignReport(campaignId: string): Promise<CampaignReport> {
  return unwrap(
    apiClient.GET('/api/v1/campaigns/{campaign_id}/report', { params: { path: { campaign_id: campaignId } } }),
  );
}

export function useCampaignReport(campaignId: string) {
  return useQuery(
    queryOptions({ queryKey: campaignReportQueryKey(campaignId), queryFn: () => getCampaignReport(campaignId) }),
  );
}
