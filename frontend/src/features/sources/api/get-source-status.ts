// GET /sources/status: the data source this server uses, what it can do, and how it is faring
// (last success and error, a pause after an exhausted quota, a pause after repeated failures).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type SourceStatus = components['schemas']['SourceStatusResponse'];

export const sourceStatusQueryKey = ['sources', 'status'] as const;

export function getSourceStatus(): Promise<SourceStatus> {
  return unwrap(apiClient.GET('/api/v1/sources/status'));
}

export const sourceStatusQueryOptions = () =>
  queryOptions({ queryKey: sourceStatusQueryKey, queryFn: getSourceStatus });

export function useSourceStatus() {
  return useQuery(sourceStatusQueryOptions());
}
