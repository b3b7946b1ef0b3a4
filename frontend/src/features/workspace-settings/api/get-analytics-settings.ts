// GET /workspace/analytics-settings: the assumptions behind the analytics (viral multiple, rising
// ceiling, CPM overrides, what a gifted post is assumed to bring); defaults until saved.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type AnalyticsSettings = components['schemas']['Settings'];

/** Prefix of the workspace's settings. */
export const workspaceQueryKey = ['workspace'] as const;
export const analyticsSettingsQueryKey = [...workspaceQueryKey, 'analytics-settings'] as const;

export function getAnalyticsSettings(): Promise<AnalyticsSettings> {
  return unwrap(apiClient.GET('/api/v1/workspace/analytics-settings'));
}

export function useAnalyticsSettings() {
  return useQuery(queryOptions({ queryKey: analyticsSettingsQueryKey, queryFn: getAnalyticsSettings }));
}
