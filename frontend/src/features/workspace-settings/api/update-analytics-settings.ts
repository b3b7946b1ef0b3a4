// PUT /workspace/analytics-settings: replaces the analytics assumptions (owners only). Every number
// computed from them changes, so creators, lists (dashboards) and discovery are read again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import {
  analyticsSettingsQueryKey,
  fromWire,
  toWire,
  type AnalyticsSettings,
  type AnalyticsSettingsAnswer,
} from './get-analytics-settings';
import { invalidateAnalytics } from './invalidate-analytics';

export async function updateAnalyticsSettings(settings: AnalyticsSettings): Promise<AnalyticsSettingsAnswer> {
  return fromWire(await unwrap(apiClient.PUT('/api/v1/workspace/analytics-settings', { body: toWire(settings) })));
}

export function useUpdateAnalyticsSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAnalyticsSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(analyticsSettingsQueryKey, saved);
      return invalidateAnalytics(queryClient);
    },
  });
}
