import { describe, expect, it } from 'vitest';
import {
  describeUnavailable,
  formatMoney,
  formatMoneyRange,
  formatMultiple,
  formatPercent,
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

  it('says why a value is missing', () => {
    expect(describeUnavailable('not_enough_videos')).toBe('not enough videos (at least 3 are needed)');
    expect(describeUnavailable(null)).toBe('not available');
  });
});
