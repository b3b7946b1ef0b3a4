// What a share link opens: a list's dashboard or a campaign's report. Both have the same links
// (made, listed and revoked by owners), under their own address and query key.
import type { components } from '@/lib/api/schema';

export type ShareTarget = { kind: 'list'; id: string } | { kind: 'campaign'; id: string };

/** Names the list or the campaign it opens. */
export type ShareLink = components['schemas']['ShareLinkResponse'];

/** Under the list's or the campaign's own key, so anything that refreshes one refreshes its links. */
export const shareLinksQueryKey = (target: ShareTarget) =>
  [target.kind === 'list' ? 'lists' : 'campaigns', target.id, 'share-links'] as const;
