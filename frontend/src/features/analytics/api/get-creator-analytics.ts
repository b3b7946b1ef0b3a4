// GET /creators/{creator_id}/analytics: growth, projection, engagement, outliers, rising, tier, fair
// price, expected returns, authenticity signals, audience fit and content signal. Every value says
// which formula, window and sample it came from.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type CreatorAnalytics = components['schemas']['CreatorAnalytics'];
export type Measure = components['schemas']['Measure_f64'] | components['schemas']['Measure_i64'];
export type MoneyMeasure = components['schemas']['Measure_MoneyRange'];

/**
 * Under the creator's key (`['creators', id]`), so whatever refreshes a creator (new metrics, an
 * import, a refresh) refreshes their analytics too.
 */
export const creatorAnalyticsQueryKey = (creatorId: string) => ['creators', creatorId, 'analytics'] as const;

export function getCreatorAnalytics(creatorId: string) {
  return unwrap(
    apiClient.GET('/api/v1/creators/{creator_id}/analytics', { params: { path: { creator_id: creatorId } } }),
  );
}

export function useCreatorAnalytics(creatorId: string) {
  return useQuery(
    queryOptions({ queryKey: creatorAnalyticsQueryKey(creatorId), queryFn: () => getCreatorAnalytics(creatorId) }),
  );
}
