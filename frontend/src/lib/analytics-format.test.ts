import { describe, expect, it } from 'vitest';
import {
  describeUnavailable,
  formatByUnit,
  formatMoney,
  formatMoneyRange,
  formatMultiple,
  formatPercent,
  formatPriceRange,
  formatSignedPercent,
} from './analytics-format';

describe('analytics formatting', () => {
  it.each([
    [331.539, 'USD', '$331.54'],
    [0.006, 'USD', '$0.006'],
    [0.0061234, 'EUR', '€0.0061'],
    [0, 'USD', '$0.00'],
    [12, 'XQQ', 'XQQ 12.00'],
  ])('writes %s %s as %s', (value, currency, expected) => {
    expect(formatMoney(value, currency).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('writes ranges, percentages and multiples', () => {
    expect(formatMoneyRange({ low: 331.5, high: 663.08 }, 'USD')).toBe('$331.50–$663.08');
    expect(formatPercent(7.557)).toBe('7.6%');
    expect(formatSignedPercent(9.29)).toBe('+9.3%');
    expect(formatSignedPercent(-0.01)).toBe('0.0%');
    expect(formatMultiple(6.68)).toBe('6.7×');
  });

  it.each([
    [{ low: 264.95, high: 529.9 }, 'USD', '$260–$530'],
    [{ low: 7.2, high: 48.6 }, 'USD', '$7–$50'],
    [{ low: 1_234, high: 2_468.5 }, 'EUR', '€1,250–€2,450'],
    [{ low: 350, high: 3_000 }, 'USD', '$350–$3,000'],
    [{ low: 7_000, high: null }, 'USD', '$7,000+'],
  ])('rounds the price range %j in %s to %s, not to the cent', (range, currency, expected) => {
    expect(formatPriceRange(range, currency)).toBe(expected);
  });

  it.each([
    [0.0123, 'share', '1.23%'],
    [42.1, 'percent', '42.1%'],
    [3.25, 'ratio', '3.3×'],
    [12.5, 'money', '$12.50'],
    [4.5, 'count', '4.5'],
  ] as const)('writes %s in the unit %s as %s', (value, unit, expected) => {
    expect(formatByUnit(value, unit, 'USD')).toBe(expected);
  });

  it('says why a value is missing', () => {
    expect(describeUnavailable('not_enough_videos')).toBe('not enough videos (at least 3 are needed)');
    expect(describeUnavailable(null)).toBe('not available');
  });
});
