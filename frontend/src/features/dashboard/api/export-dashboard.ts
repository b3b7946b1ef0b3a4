// GET /lists/{list_id}/dashboard.csv: the dashboard as a CSV file, in the order on screen. Fetched
// by the app (it needs the Bearer header) and then saved as a file.
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { fileSlug, saveFile } from '@/lib/download';
import type { DashboardSorting } from './get-dashboard';

export type ExportDashboardInput = { listId: string; listName: string; sorting: DashboardSorting };

/** "Spring drop: gym wear" → "spring-drop-gym-wear-dashboard.csv". */
export function fileNameFor(listName: string): string {
  return `${fileSlug(listName, 'list')}-dashboard.csv`;
}

export async function exportDashboard({ listId, listName, sorting }: ExportDashboardInput): Promise<void> {
  const csv = await unwrap(
    apiClient.GET('/api/v1/lists/{list_id}/dashboard.csv', {
      params: { path: { list_id: listId }, query: sorting },
      parseAs: 'blob',
    }),
  );
  saveFile(csv, fileNameFor(listName));
}

export function useExportDashboard() {
  return useMutation({ mutationFn: exportDashboard });
}
