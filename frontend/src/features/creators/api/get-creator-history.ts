// GET /creators/{creator_id}/metrics: one point per UTC day over a range, each with its change
// from the day before.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { creatorQueryKey } from './get-creator';
import { historyRangeStart, type HistoryRange } from './history-range';

export type HistoryPoint = components['schemas']['HistoryPoint'];

export const creatorHistoryQueryKey = (creatorId: string, range: HistoryRange) =>
  [...creatorQueryKey(creatorId), 'history', range] as const;

export async function getCreatorHistory(creatorId: string, range: HistoryRange): Promise<HistoryPoint[]> {
  const history = await unwrap(
    apiClient.GET('/api/v1/creators/{creator_id}/metrics', {
      params: { path: { creator_id: creatorId }, query: { interval: 'day', from: historyRangeStart(range) } },
    }),
  );
  return history.points;
}

export const creatorHistoryQueryOptions = (creatorId: string, range: HistoryRange) =>
  queryOptions({
    queryKey: creatorHistoryQueryKey(creatorId, range),
    queryFn: () => getCreatorHistory(creatorId, range),
  });

export function useCreatorHistory(creatorId: string, range: HistoryRange) {
  // Keep the old range on screen while the new one loads, instead of flashing a spinner.
  return useQuery({ ...creatorHistoryQueryOptions(creatorId, range), placeholderData: keepPreviousData });
}
