// POST /imports/audience: audience profiles from CSV, one share per line
// (`handle,captured_at,sample_size,dimension,key,share`). In `all_or_nothing` mode one bad line
// rejects the file with 422 `import_rejected`; in `partial` mode good lines are written.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components, paths } from '@/lib/api/schema';

export type AudienceImportMode = NonNullable<
  NonNullable<paths['/api/v1/imports/audience']['post']['parameters']['query']>['mode']
>;
export type AudienceImportResult = components['schemas']['AudienceImportResponse'];
export type AudienceImportInput = { csv: string; mode: AudienceImportMode };

export const AUDIENCE_CSV_COLUMNS = 'handle,captured_at,sample_size,dimension,key,share';

export function importAudience({ csv, mode }: AudienceImportInput): Promise<AudienceImportResult> {
  return unwrap(
    apiClient.POST('/api/v1/imports/audience', {
      params: { query: { mode } },
      body: csv,
      // The body is the file itself, not JSON.
      bodySerializer: (body: string) => body,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );
}

export function useImportAudience() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importAudience,
    // A file may hold profiles of any creator: every creator's audience and fit, and every list.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['creators'] }),
        queryClient.invalidateQueries({ queryKey: ['lists'] }),
        queryClient.invalidateQueries({ queryKey: ['discover'] }),
      ]),
  });
}
