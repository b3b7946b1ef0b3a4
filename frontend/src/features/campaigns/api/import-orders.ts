// POST /campaigns/{campaign_id}/orders/import: orders from a shop's CSV export
// (`date,order_id,code,utm,amount,currency`). Each row is credited to the creator whose discount code
// it carries, else whose handle its `utm` is (their link's `utm_content`); rows that match nobody
// come back as `unmatched` and count among `rows_rejected`. An order id already imported counts as a
// duplicate, not an error. In `all_or_nothing` mode one bad or unmatched row rejects the file with
// 422 `import_rejected`, each named by line among the problem's errors.
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

type UnmatchedRow = OrderImportResult['unmatched'][number];
type LineError = OrderImportResult['errors'][number];

// How the server words an unmatched row in a rejection: `"SUNNYX" is neither a discount code nor a
// UTM value of this campaign`. Rows worded otherwise stay among the bad lines.
const UNMATCHED_WORDING = /^"(.*)" is neither a discount code nor a UTM value/;

/** A rejection's lines split into the unmatched rows (their value recovered) and the other bad lines. */
export function splitRejection(errors: LineError[]): { unmatched: UnmatchedRow[]; bad: LineError[] } {
  const unmatched: UnmatchedRow[] = [];
  const bad: LineError[] = [];
  for (const error of errors) {
    const value = UNMATCHED_WORDING.exec(error.detail)?.[1];
    if (value !== undefined && error.line != null) unmatched.push({ line: error.line, value });
    else bad.push(error);
  }
  return { unmatched, bad };
}

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
