import { describe, expect, it } from 'vitest';
import { describeEvidence, splitAtMatch } from './evidence';

describe('post evidence in words', () => {
  it.each([
    [{ rule: 'hashtag', pattern: '#sunnyco', matched: '#SunnyCo' }, 'Matched the hashtag #sunnyco in the caption'],
    [{ rule: 'mention', pattern: '@sunnyco', matched: '@SunnyCo' }, 'Mentions @sunnyco in the caption'],
    [{ rule: 'keyword', pattern: 'sunny co', matched: 'Sunny Co' }, 'Matched the phrase “sunny co” in the caption'],
    [
      { rule: 'link', pattern: 'sunny.example', matched: 'shop.sunny.example' },
      'Links to sunny.example in the caption',
    ],
    [{ rule: 'code', pattern: 'SUNNY*', matched: 'SUNNY10' }, 'Matched the code pattern SUNNY* in the caption'],
    [{ rule: 'manual', pattern: '', matched: '' }, 'Attached by hand'],
  ] as const)('%o reads “%s”', (evidence, words) => {
    expect(describeEvidence(evidence)).toBe(words);
  });

  it('finds the matched text in the caption whatever its case, to mark it', () => {
    expect(splitAtMatch('Love my new tee #SunnyCo #fyp', '#sunnyco')).toEqual([
      'Love my new tee ',
      '#SunnyCo',
      ' #fyp',
    ]);
    expect(splitAtMatch('No match here', '#sunnyco')).toBeNull();
  });
});
