// Saves rates a campaign measured (click-through, conversion, average order value) into the
// workspace's analytics assumptions through PUT /workspace/analytics-settings (owners only). The
// settings are read afresh first and only those fields change, so nothing another owner set since
// this page loaded is overwritten. An average order value in another currency than the settings'
// is left out: mixing currencies would make every estimate wrong.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { analyticsSettingsQueryKey, fromWire, type AnalyticsSettings } from './get-analytics-settings';
import { invalidateAnalytics } from './invalidate-analytics';

/** In the API's units: rates as shares (0.012 is 1.2%), the order value in `currency`. Null: keep. */
export type ReturnsProposal = {
  click_through_rate: number | null;
  conversion_rate: number | null;
  average_order_value: number | null;
  currency: string;
};

export type AppliedProposal = {
  settings: AnalyticsSettings;
  /** The settings' currency when the order value was left out for being in another one. */
  orderValueSkippedFor: string | null;
};

export async function applyReturnsProposal(proposal: ReturnsProposal): Promise<AppliedProposal> {
  const current = await unwrap(apiClient.GET('/api/v1/workspace/analytics-settings'));
  const returns = { ...current.returns };
  if (proposal.click_through_rate != null) returns.click_through_rate = proposal.click_through_rate;
  if (proposal.conversion_rate != null) returns.conversion_rate = proposal.conversion_rate;
  let orderValueSkippedFor: string | null = null;
  if (proposal.average_order_value != null) {
    const settingsCurrency = returns.currency ?? 'USD';
    if (settingsCurrency === proposal.currency) returns.average_order_value = proposal.average_order_value;
    else orderValueSkippedFor = settingsCurrency;
  }
  const saved = await unwrap(apiClient.PUT('/api/v1/workspace/analytics-settings', { body: { ...current, returns } }));
  return { settings: fromWire(saved), orderValueSkippedFor };
}

export function useApplyReturnsProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: applyReturnsProposal,
    onSuccess: ({ settings }) => {
      queryClient.setQueryData(analyticsSettingsQueryKey, settings);
      return invalidateAnalytics(queryClient);
    },
  });
}
