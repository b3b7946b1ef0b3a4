// POST /creators/{creator_id}/metrics: records one point by hand (source `manual`). A point at a
// moment this workspace already recorded replaces it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { creatorQueryKey } from './get-creator';

export type MetricPointInput = components['schemas']['MetricPointInput'];
export type RecordMetricInput = { creatorId: string; point: MetricPointInput };

export function recordMetric({ creatorId, point }: RecordMetricInput) {
  return unwrap(
    apiClient.POST('/api/v1/creators/{creator_id}/metrics', {
      params: { path: { creator_id: creatorId } },
      body: point,
    }),
  );
}

export function useRecordMetric() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordMetric,
    onSuccess: (_, { creatorId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: creatorQueryKey(creatorId) }),
        // Lists show the latest counts too.
        queryClient.invalidateQueries({ queryKey: ['lists'] }),
      ]),
  });
}
