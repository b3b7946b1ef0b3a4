import { describe, expect, it } from 'vitest';
import { draftFromRules, formatMilestone, parseMilestones, rulesFromDraft } from './alert-rules-draft';
import type { AlertRules } from './get-alert-rules';

const DEFAULTS: AlertRules = {
  events: ['creator.milestone', 'video.viral'],
  list_ids: null,
  campaign_ids: ['c1'],
  viral_multiple: null,
  viral_min_views: 10_000,
  milestones: [10_000, 2_500_000],
  dormant_days: 30,
};

describe('milestones', () => {
  it.each([
    [10_000, '10K'],
    [2_500_000, '2.5M'],
    [1_000_000_000, '1B'],
    [12_345, '12345'],
    [999, '999'],
  ])('writes %d as "%s"', (followers, text) => {
    expect(formatMilestone(followers)).toBe(text);
  });

  it('reads counts with or without a unit, in order and each once', () => {
    expect(parseMilestones('25k, 10K 1.5M;10000')).toEqual({ milestones: [10_000, 25_000, 1_500_000] });
    expect(parseMilestones('  ')).toEqual({ milestones: [] });
    expect(parseMilestones('1.1M')).toEqual({ milestones: [1_100_000] });
  });

  it.each(['ten', '1.5', '5X', '-3'])('names "%s" as not a follower count', (entry) => {
    expect(parseMilestones(`10K, ${entry}`)).toEqual({ error: expect.stringContaining(`“${entry}”`) as string });
  });
});

describe('alert rules draft', () => {
  it('goes to the form and back unchanged, types in the list’s order', () => {
    const draft = draftFromRules(DEFAULTS);
    expect(draft).toMatchObject({
      events: ['video.viral', 'creator.milestone'],
      lists: { all: true, ids: [] },
      campaigns: { all: false, ids: ['c1'] },
      viral_multiple: '',
      milestones: '10K, 2.5M',
    });
    expect(rulesFromDraft(draft)).toEqual({ rules: { ...DEFAULTS, events: ['video.viral', 'creator.milestone'] } });
  });

  it('refuses to send what is not a number', () => {
    const draft = { ...draftFromRules(DEFAULTS), dormant_days: '', viral_multiple: 'x', milestones: 'lots' };
    expect(rulesFromDraft(draft)).toEqual({
      errors: {
        dormant_days: 'Enter a number.',
        viral_multiple: 'Enter a number.',
        milestones: expect.stringContaining('“lots”') as string,
      },
    });
  });
});
