import { describe, expect, it } from 'vitest';
import { historyRangeStart, isHistoryRange } from './history-range';

describe('history ranges', () => {
  const now = new Date('2026-11-20T12:00:00Z');

  it.each([
    { range: '30d', expected: '2026-10-21T12:00:00.000Z' },
    { range: '90d', expected: '2026-08-22T12:00:00.000Z' },
    { range: '1y', expected: '2025-11-20T12:00:00.000Z' },
  ] as const)('$range starts at $expected', ({ range, expected }) => {
    expect(historyRangeStart(range, now)).toBe(expected);
  });

  it('starts "all" before any snapshot could exist, beyond the API default of one year', () => {
    expect(Date.parse(historyRangeStart('all', now))).toBeLessThan(Date.parse('2010-01-01T00:00:00Z'));
  });

  it('accepts only known ranges from the address bar', () => {
    expect(isHistoryRange('1y')).toBe(true);
    expect(isHistoryRange('2y')).toBe(false);
    expect(isHistoryRange(null)).toBe(false);
  });
});
