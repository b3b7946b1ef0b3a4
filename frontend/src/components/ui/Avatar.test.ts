import { describe, expect, it } from 'vitest';
import { initialsOf } from './Avatar';

describe('initialsOf', () => {
  it.each([
    { name: 'Maya Bakes', expected: 'MB' },
    { name: 'mayabakes', expected: 'MA' },
    { name: '@lift_with_lee', expected: 'LW' },
    { name: 'Marisol | Lift Notes', expected: 'ML' },
    { name: '✨ glow', expected: 'GL' },
    { name: 'x', expected: 'X' },
    { name: '', expected: '?' },
  ])('$name → $expected', ({ name, expected }) => {
    expect(initialsOf(name)).toBe(expected);
  });
});
