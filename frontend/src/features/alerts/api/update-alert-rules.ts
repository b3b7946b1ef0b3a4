// PUT /workspace/alert-rules: replaces the alert rules (owners and editors). They shape what is
// recorded from now on; events already in the inbox stay.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { alertRulesQueryKey, type AlertRules } from './get-alert-rules';

export function updateAlertRules(rules: AlertRules): Promise<AlertRules> {
  return unwrap(apiClient.PUT('/api/v1/workspace/alert-rules', { body: rules }));
}

export function useUpdateAlertRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAlertRules,
    onSuccess: (saved) => queryClient.setQueryData(alertRulesQueryKey, saved),
  });
}
