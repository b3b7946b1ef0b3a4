// The rising page's filters live in the address (`?tier=micro&min_fit=60`, `?fit_known=true`);
// anything unknown there means "any".
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
    fitKnown: params.get('fit_known') === 'true',
  };
}

export function risingFiltersToParams({ tier, minFit, fitKnown }: RisingFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (tier) params.set('tier', tier);
  if (minFit !== null) params.set('min_fit', String(minFit));
  else if (fitKnown) params.set('fit_known', 'true');
  return params;
}
