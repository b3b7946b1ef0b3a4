// What each kind of event zzyzx records means, in the words the inbox, the alert rules and the
// webhook forms use. Shared because webhooks (owners' business) and alerts (everyone's) both name them.
import type { components } from './api/schema';

export type EventType = components['schemas']['EventType'];

type EventTypeWords = {
  id: EventType;
  /** A few words: the inbox's label and a checkbox's. */
  label: string;
  /** A symbol beside the label, hidden from screen readers (the label says it). */
  icon: string;
  /** When zzyzx records one, in a sentence. */
  description: string;
};

/** In the order the API lists them: creators' news first, then campaigns', then the system's. */
export const EVENT_TYPES: readonly EventTypeWords[] = [
  {
    id: 'video.viral',
    label: 'Viral video',
    icon: '🔥',
    description: 'A video reaches the viral multiple of its creator’s median views, with at least the minimum views.',
  },
  {
    id: 'creator.rising',
    label: 'Rising creator',
    icon: '📈',
    description: 'A creator earns the rising badge: growth speeding up, with a video that took off.',
  },
  {
    id: 'creator.milestone',
    label: 'Follower milestone',
    icon: '🏆',
    description: 'A creator’s followers pass one of the milestones.',
  },
  {
    id: 'creator.spike',
    label: 'Follower spike',
    icon: '⚡',
    description: 'Followers jump far above the usual in one day, and no viral video explains it.',
  },
  {
    id: 'creator.dormant',
    label: 'Dormant creator',
    icon: '💤',
    description: 'A creator posts no new video for the dormant days.',
  },
  {
    id: 'creator.unavailable',
    label: 'Account unavailable',
    icon: '🚫',
    description: 'A creator’s account is not found, turns private or is banned.',
  },
  {
    id: 'campaign.post_detected',
    label: 'Campaign post',
    icon: '📣',
    description: 'A video that counts as a campaign post turns up among a campaign creator’s videos.',
  },
  {
    id: 'campaign.overdue',
    label: 'Overdue post',
    icon: '⏰',
    description: 'A creator who received the product has not posted within the campaign’s overdue days.',
  },
  {
    id: 'source.paused',
    label: 'Data source paused',
    icon: '⏸️',
    description: 'The data source stops for a while (quota spent, credentials refused), so numbers stop updating.',
  },
  {
    id: 'webhook.disabled',
    label: 'Webhook turned off',
    icon: '🔌',
    description: 'A webhook endpoint failed for days and zzyzx turned it off.',
  },
];

export const ALL_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.map((type) => type.id);

export function isEventType(value: string | null): value is EventType {
  return EVENT_TYPES.some((type) => type.id === value);
}

/** `video.viral` → "Viral video"; a type this app does not know yet reads as it is. */
export function eventTypeLabel(type: string): string {
  return EVENT_TYPES.find((candidate) => candidate.id === type)?.label ?? type;
}

export function eventTypeIcon(type: string): string {
  return EVENT_TYPES.find((candidate) => candidate.id === type)?.icon ?? '•';
}

/** The types ticked, in the order above whatever order they were ticked in. */
export function inListOrder(types: readonly EventType[]): EventType[] {
  return ALL_EVENT_TYPES.filter((type) => types.includes(type));
}
