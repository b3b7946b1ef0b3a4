import { describe, expect, it } from 'vitest';
import { parseRisingFilters, risingFiltersToParams } from './rising-filters';

describe('rising filters', () => {
  it.each([
    ['', { tier: null, minFit: null, fitKnown: false }],
    ['tier=micro', { tier: 'micro', minFit: null, fitKnown: false }],
    ['tier=giant&min_fit=60', { tier: null, minFit: 60, fitKnown: false }],
    ['min_fit=101', { tier: null, minFit: null, fitKnown: false }],
    ['min_fit=', { tier: null, minFit: null, fitKnown: false }],
    ['min_fit=0', { tier: null, minFit: 0, fitKnown: false }],
    ['fit_known=true', { tier: null, minFit: null, fitKnown: true }],
    ['fit_known=yes', { tier: null, minFit: null, fitKnown: false }],
  ])('reads "%s" from the address', (query, expected) => {
    expect(parseRisingFilters(new URLSearchParams(query))).toEqual(expected);
  });

  it('writes only the filters that are set', () => {
    expect(risingFiltersToParams({ tier: 'mid', minFit: null, fitKnown: false }).toString()).toBe('tier=mid');
    expect(risingFiltersToParams({ tier: null, minFit: 40, fitKnown: false }).toString()).toBe('min_fit=40');
    expect(risingFiltersToParams({ tier: null, minFit: null, fitKnown: true }).toString()).toBe('fit_known=true');
    // A minimum already leaves out unknown fits.
    expect(risingFiltersToParams({ tier: null, minFit: 40, fitKnown: true }).toString()).toBe('min_fit=40');
  });
});
