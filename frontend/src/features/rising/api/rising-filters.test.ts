import { describe, expect, it } from 'vitest';
import { parseRisingFilters, risingFiltersToParams } from './rising-filters';

describe('rising filters', () => {
  it.each([
    ['', { tier: null, minFit: null }],
    ['tier=micro', { tier: 'micro', minFit: null }],
    ['tier=giant&min_fit=60', { tier: null, minFit: 60 }],
    ['min_fit=101', { tier: null, minFit: null }],
    ['min_fit=', { tier: null, minFit: null }],
    ['min_fit=0', { tier: null, minFit: 0 }],
  ])('reads "%s" from the address', (query, expected) => {
    expect(parseRisingFilters(new URLSearchParams(query))).toEqual(expected);
  });

  it('writes only the filters that are set', () => {
    expect(risingFiltersToParams({ tier: 'mid', minFit: null }).toString()).toBe('tier=mid');
    expect(risingFiltersToParams({ tier: null, minFit: 40 }).toString()).toBe('min_fit=40');
  });
});
