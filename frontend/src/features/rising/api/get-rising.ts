// GET /discover/rising: creators the workspace tracks or has met whose growth is accelerating and
// who posted an outlier video in the last 30 days, fastest accelerating first; by tier and fit.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import type { Tier } from '@/lib/analytics-format';

export type RisingCreator = components['schemas']['RisingCreator'];
/** `fitKnown`: only creators whose audience fit is known or estimated (a minimum implies it). */
export type RisingFilters = { tier: Tier | null; minFit: number | null; fitKnown: boolean };

export const risingQueryKey = (filters: RisingFilters) => ['discover', 'rising', filters] as const;

export function getRising({ tier, minFit, fitKnown }: RisingFilters) {
  const query = {
    ...(tier ? { tier } : {}),
    ...(minFit !== null ? { min_fit: minFit } : {}),
    ...(fitKnown ? { fit_known: true } : {}),
    limit: 100,
  };
  return unwrap(apiClient.GET('/api/v1/discover/rising', { params: { query } }));
}

export function useRising(filters: RisingFilters) {
  return useQuery(
    queryOptions({
      queryKey: risingQueryKey(filters),
      queryFn: () => getRising(filters),
      placeholderData: keepPreviousData,
    }),
  );
}
