import { describe, expect, it } from 'vitest';
import { DEFAULT_SORTING, nextSorting, parseSorting } from './dashboard-sorting';

describe('dashboard sorting', () => {
  it.each([
    ['', DEFAULT_SORTING],
    ['sort=bogus&order=desc', DEFAULT_SORTING],
    ['sort=followers', { sort: 'followers', order: 'desc' }],
    ['sort=handle', { sort: 'handle', order: 'asc' }],
    ['sort=growth_7d&order=asc', { sort: 'growth_7d', order: 'asc' }],
    ['sort=fit&order=sideways', { sort: 'fit', order: 'desc' }],
  ])('reads "%s" from the address', (query, expected) => {
    expect(parseSorting(new URLSearchParams(query))).toEqual(expected);
  });

  it('flips the order of the column already sorted on', () => {
    expect(nextSorting({ sort: 'followers', order: 'desc' }, 'followers')).toEqual({ sort: 'followers', order: 'asc' });
  });

  it('starts another column in its natural order', () => {
    expect(nextSorting({ sort: 'followers', order: 'asc' }, 'engagement')).toEqual({
      sort: 'engagement',
      order: 'desc',
    });
    expect(nextSorting({ sort: 'followers', order: 'desc' }, 'handle')).toEqual({ sort: 'handle', order: 'asc' });
  });
});
