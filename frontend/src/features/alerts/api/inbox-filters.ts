// The inbox's filters live in the address (`?type=video.viral&unread=true`); anything unknown
// there means "any".
import { isEventType } from '@/lib/event-types';
import type { InboxFilters } from './get-events';

export function parseInboxFilters(params: URLSearchParams): InboxFilters {
  const type = params.get('type');
  return { type: isEventType(type) ? type : null, unreadOnly: params.get('unread') === 'true' };
}

export function inboxFiltersToParams({ type, unreadOnly }: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (type) params.set('type', type);
  if (unreadOnly) params.set('unread', 'true');
  return params;
}
