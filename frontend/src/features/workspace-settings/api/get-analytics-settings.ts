// GET /workspace/analytics-settings: the assumptions behind the analytics (viral multiple, rising
// ceiling, CPM overrides, what a gifted post is assumed to bring); defaults until saved. The API keeps
// the click-through and conversion rates as shares (0.01); people think of them in percent (1%), so
// they are converted here, at the API's edge, and the app's fields are named for their unit.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

type WireSettings = components['schemas']['Settings'];
type WireAnswer = components['schemas']['SettingsAnswer'];
type WireReturns = WireSettings['returns'];
/** The CPM range a tier uses while it has no override: shown in the empty fields. */
export type DefaultCpm = components['schemas']['DefaultCpm'];

export type AnalyticsSettings = Omit<WireSettings, 'returns'> & {
  returns: Omit<WireReturns, 'click_through_rate' | 'conversion_rate'> & {
    /** Viewers who visit the shop, in percent: 1 is 1%. */
    click_through_percent: number;
    /** Visitors who order, in percent. */
    conversion_percent: number;
  };
};

/** The settings as read: with every tier's default CPM range. */
export type AnalyticsSettingsAnswer = AnalyticsSettings & { default_cpm: DefaultCpm[] };

/** Where the API's field lives among the app's: `click_through_rate` is edited as `click_through_percent`. */
export const PERCENT_FIELD_OF: Record<string, keyof AnalyticsSettings['returns']> = {
  click_through_rate: 'click_through_percent',
  conversion_rate: 'conversion_percent',
};

// ×100 and ÷100 in binary floating point leave dust (0.07 × 100 = 7.000000000000001); twelve
// significant digits are far beyond any rate anyone types.
const tidy = (value: number) => Number(value.toPrecision(12));

export function fromWire(settings: WireAnswer): AnalyticsSettingsAnswer {
  const { click_through_rate: clickThrough, conversion_rate: conversion, ...returns } = settings.returns;
  return {
    ...settings,
    returns: {
      ...returns,
      click_through_percent: tidy(clickThrough * 100),
      conversion_percent: tidy(conversion * 100),
    },
  };
}

/** The body of a save: the settings alone (an answer's defaults are not sent back). */
export function toWire(settings: AnalyticsSettings): WireSettings {
  const { click_through_percent: clickThrough, conversion_percent: conversion, ...returns } = settings.returns;
  return {
    viral_multiple: settings.viral_multiple,
    rising_follower_ceiling: settings.rising_follower_ceiling,
    cpm_overrides: settings.cpm_overrides,
    returns: { ...returns, click_through_rate: tidy(clickThrough / 100), conversion_rate: tidy(conversion / 100) },
  };
}

/** Prefix of the workspace's settings. */
export const workspaceQueryKey = ['workspace'] as const;
export const analyticsSettingsQueryKey = [...workspaceQueryKey, 'analytics-settings'] as const;

export async function getAnalyticsSettings(): Promise<AnalyticsSettingsAnswer> {
  return fromWire(await unwrap(apiClient.GET('/api/v1/workspace/analytics-settings')));
}

export function useAnalyticsSettings() {
  return useQuery(queryOptions({ queryKey: analyticsSettingsQueryKey, queryFn: getAnalyticsSettings }));
}
