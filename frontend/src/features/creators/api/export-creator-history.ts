// GET /creators/{creator_id}/metrics.csv: the same daily history as a CSV download. Fetched by the
// app (it needs the Bearer header) and then saved as a file.
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { saveFile } from '@/lib/download';
import { historyRangeStart, type HistoryRange } from './history-range';

export type ExportHistoryInput = { creatorId: string; handle: string; range: HistoryRange };

export async function exportCreatorHistory({ creatorId, handle, range }: ExportHistoryInput): Promise<void> {
  const csv = await unwrap(
    apiClient.GET('/api/v1/creators/{creator_id}/metrics.csv', {
      params: { path: { creator_id: creatorId }, query: { interval: 'day', from: historyRangeStart(range) } },
      parseAs: 'blob',
    }),
  );
  saveFile(csv, `${handle}-history-${range}.csv`);
}

export function useExportCreatorHistory() {
  return useMutation({ mutationFn: exportCreatorHistory });
}
