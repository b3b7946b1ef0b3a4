// GET /campaigns/{campaign_id}/report.csv: the report as a CSV file. Fetched by the app (it needs the
// Bearer header) and then saved as a file.
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { fileSlug, saveFile } from '@/lib/download';

/** "Spring drop: gym wear" → "spring-drop-gym-wear-report.csv". */
export function reportFileName(campaignName: string): string {
  return `${fileSlug(campaignName, 'campaign')}-report.csv`;
}

export async function exportCampaignReport({
  campaignId,
  campaignName,
}: {
  campaignId: string;
  campaignName: string;
}): Promise<void> {
  const csv = await unwrap(
    apiClient.GET('/api/v1/campaigns/{campaign_id}/report.csv', {
      params: { path: { campaign_id: campaignId } },
      parseAs: 'blob',
    }),
  );
  saveFile(csv, reportFileName(campaignName));
}

export function useExportCampaignReport() {
  return useMutation({ mutationFn: exportCampaignReport });
}
