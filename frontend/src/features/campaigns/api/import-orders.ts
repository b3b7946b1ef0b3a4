// POST /campaigns/{campaign_id}/orders/import: orders from a shop's CSV export
// (`date,order_id,code,utm,amount,currency`). Each row is credited to the creator whose discount code
// or UTM link it carries; rows that match nobody come back as `unmatched`. An order id already
// imported counts as a duplicate, not an error. In `all_or_nothing` mode one bad row rejects the file
// with 422 `import_rejected`.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportMode } from '@/components/ui/ImportModeChoice';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { campaignOrdersQueryKey } from './get-campaign-orders';
import { invalidateCampaignSummary } from './invalidate-campaign';

export type OrderImportResult = components['schemas']['OrderImportResponse'];
export type ImportOrdersInput = { campaignId: string; csv: string; mode: ImportMode };

export const ORDER_CSV_COLUMNS = 'date,order_id,code,utm,amount,currency';

export function importOrders({ campaignId, csv, mode }: ImportOrdersInput): Promise<OrderImportResult> {
  return unwrap(
    apiClient.POST('/api/v1/campaigns/{campaign_id}/orders/import', {
      params: { path: { campaign_id: campaignId }, query: { mode } },
      body: csv,
      // The body is the file itself, not JSON.
      bodySerializer: (body: string) => body,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );
}

export function useImportOrders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importOrders,
    onSuccess: (_, { campaignId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: campaignOrdersQueryKey(campaignId) }),
        invalidateCampaignSummary(queryClient, campaignId),
      ]),
  });
}
