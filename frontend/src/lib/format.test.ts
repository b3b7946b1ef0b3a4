import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './format';

describe('formatRelativeTime', () => {
  const now = new Date('2026-11-20T12:00:00Z');

  it.each([
    { at: '2026-11-20T11:59:30Z', expected: 'just now' },
    { at: '2026-11-20T11:55:00Z', expected: '5 minutes ago' },
    { at: '2026-11-20T09:00:00Z', expected: '3 hours ago' },
    { at: '2026-11-19T12:00:00Z', expected: 'yesterday' },
    { at: '2026-11-20T14:00:00Z', expected: 'in 2 hours' },
  ])('$at reads "$expected"', ({ at, expected }) => {
    expect(formatRelativeTime(at, now)).toBe(expected);
  });
});
