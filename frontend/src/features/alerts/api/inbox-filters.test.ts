import { describe, expect, it } from 'vitest';
import { inboxFiltersToParams, parseInboxFilters } from './inbox-filters';

describe('inbox filters', () => {
  it.each([
    ['', { type: null, unreadOnly: false }],
    ['type=video.viral', { type: 'video.viral', unreadOnly: false }],
    ['type=video.boring&unread=true', { type: null, unreadOnly: true }],
    ['unread=yes', { type: null, unreadOnly: false }],
  ])('reads "%s" from the address', (query, expected) => {
    expect(parseInboxFilters(new URLSearchParams(query))).toEqual(expected);
  });

  it('writes only the filters that are set', () => {
    expect(inboxFiltersToParams({ type: null, unreadOnly: false }).toString()).toBe('');
    expect(inboxFiltersToParams({ type: 'campaign.overdue', unreadOnly: true }).toString()).toBe(
      'type=campaign.overdue&unread=true',
    );
  });
});
