import { describe, expect, it } from 'vitest';
import { parseHashtag } from './parse-hashtag';

describe('parseHashtag', () => {
  it.each([
    { input: 'gym', expected: 'gym' },
    { input: '#GymTok', expected: 'gymtok' },
    { input: '  ##gym_tok ', expected: 'gym_tok' },
    { input: 'https://www.tiktok.com/tag/GymTok?lang=en', expected: 'gymtok' },
    { input: '#café', expected: 'café' },
    { input: '', expected: null },
    { input: '#', expected: null },
    { input: 'gym tok', expected: null },
    { input: 'gym/tok', expected: null },
  ])('reads "$input" as $expected', ({ input, expected }) => {
    expect(parseHashtag(input)).toBe(expected);
  });
});
