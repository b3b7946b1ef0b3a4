import { describe, expect, it } from 'vitest';
import { formatEstimatedShares, formatShares, parseShares } from './audience-shares';

describe('audience shares', () => {
  it.each([
    ['US 60%, GB 20%', { US: 0.6, GB: 0.2 }],
    ['18-24: 0.41\n25-34=0.3', { '18-24': 0.41, '25-34': 0.3 }],
    ['55+ 5 %', { '55+': 0.05 }],
    ['', {}],
  ])('reads "%s"', (text, shares) => {
    expect(parseShares(text)).toEqual({ shares });
  });

  it.each([
    ['US', '“US” is not a label and a share, like “US 60%”.'],
    ['US 1.5', '“US 1.5”: a share is at most 1 (or 100%).'],
    ['US 150%', '“US 150%”: a share is at most 1 (or 100%).'],
  ])('explains what is wrong with "%s"', (text, error) => {
    expect(parseShares(text)).toEqual({ error });
  });

  it('shows the biggest shares first', () => {
    expect(formatShares({ GB: 0.2, US: 0.6, DE: 0.05 }, 2)).toBe('US 60%, GB 20% and 1 more');
  });
});

describe('formatEstimatedShares', () => {
  it('shows each share with its interval, largest first', () => {
    const shares = [
      { code: 'es', share: 0.33, interval: { low: 0.25, high: 0.42 } },
      { code: 'en', share: 0.67, interval: { low: 0.58, high: 0.75 } },
    ];
    expect(formatEstimatedShares(shares)).toBe('en 67% (58–75%), es 33% (25–42%)');
  });
});
