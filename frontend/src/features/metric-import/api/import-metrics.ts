// POST /imports/metrics: history from a CSV file (`handle,captured_at,followers,following,likes,videos`).
// Unknown handles become new creators. In `all_or_nothing` mode one bad row rejects the file with
// 422 `import_rejected`; in `partial` mode good rows are written and bad ones reported.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components, paths } from '@/lib/api/schema';

export type ImportMode = NonNullable<
  NonNullable<paths['/api/v1/imports/metrics']['post']['parameters']['query']>['mode']
>;
export type ImportResult = components['schemas']['ImportResponse'];
export type ImportInput = { csv: string; mode: ImportMode };

export const CSV_COLUMNS = 'handle,captured_at,followers,following,likes,videos';

export function importMetrics({ csv, mode }: ImportInput): Promise<ImportResult> {
  return unwrap(
    apiClient.POST('/api/v1/imports/metrics', {
      params: { query: { mode } },
      body: csv,
      // The body is the file itself, not JSON.
      bodySerializer: (body: string) => body,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );
}

export function useImportMetrics() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importMetrics,
    // New history changes the latest counts on lists and every creator page.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['lists'] }),
        queryClient.invalidateQueries({ queryKey: ['creators'] }),
      ]),
  });
}
