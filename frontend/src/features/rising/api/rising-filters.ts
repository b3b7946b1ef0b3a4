// The rising page's filters live in the address (`?tier=micro&min_fit=60`); anything unknown there
// means "any".
import { isTier } from '@/lib/analytics-format';
import type { RisingFilters } from './get-rising';

export const MIN_FIT_CHOICES = [20, 40, 60, 80] as const;

export function parseRisingFilters(params: URLSearchParams): RisingFilters {
  const tier = params.get('tier');
  const rawMinFit = params.get('min_fit');
  const minFit = rawMinFit ? Number(rawMinFit) : Number.NaN;
  return {
    tier: isTier(tier) ? tier : null,
    minFit: Number.isInteger(minFit) && minFit >= 0 && minFit <= 100 ? minFit : null,
  };
}

export function risingFiltersToParams({ tier, minFit }: RisingFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (tier) params.set('tier', tier);
  if (minFit !== null) params.set('min_fit', String(minFit));
  return params;
}
