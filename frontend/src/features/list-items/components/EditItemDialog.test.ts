import { describe, expect, it } from 'vitest';
import { parseTags } from './EditItemDialog';

describe('parseTags', () => {
  it.each([
    { text: '', expected: [] },
    { text: 'gym', expected: ['gym'] },
    { text: ' gym , spring drop,, ', expected: ['gym', 'spring drop'] },
    { text: 'gym, gym', expected: ['gym'] },
  ])('reads "$text" as $expected', ({ text, expected }) => {
    expect(parseTags(text)).toEqual(expected);
  });
});
