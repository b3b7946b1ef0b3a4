// GET /workspace/alert-rules: which events the workspace records, about which creators, at which
// thresholds; the defaults until someone saves them.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { alertsQueryKey } from './get-unread-count';

export type AlertRules = components['schemas']['AlertRules'];

export const alertRulesQueryKey = [...alertsQueryKey, 'rules'] as const;

export function getAlertRules(): Promise<AlertRules> {
  return unwrap(apiClient.GET('/api/v1/workspace/alert-rules'));
}

export function useAlertRules() {
  return useQuery(queryOptions({ queryKey: alertRulesQueryKey, queryFn: getAlertRules }));
}
