// GET /shared/campaign: the report a campaign's share link opens, for anyone holding the link, without
// contacts, tracking links, order ids or codes. The link's secret is the only credential sent: no
// session token, no workspace, no cookies, and a refusal (401: revoked, expired or unknown) is final.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/lib/api/problem';
import { publicClient } from '@/lib/api/public-client';
import type { CampaignReport } from './get-campaign-report';

export const sharedCampaignReportQueryKey = (token: string) => ['shared-campaign', token] as const;

export function getSharedCampaignReport(token: string): Promise<CampaignReport> {
  return unwrap(
    publicClient.GET('/api/v1/shared/campaign', {
      headers: { Authorization: `Bearer ${token}` },
      credentials: 'omit',
    }),
  );
}

export function useSharedCampaignReport(token: string) {
  return useQuery(
    queryOptions({
      queryKey: sharedCampaignReportQueryKey(token),
      queryFn: () => getSharedCampaignReport(token),
      enabled: token !== '',
    }),
  );
}
