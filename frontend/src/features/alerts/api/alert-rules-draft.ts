// The alert rules form's contents as typed, and the conversions to and from what the API takes.
// Numbers are checked here (JSON has no NaN); ranges are the server's to judge, and its 422
// pointers come back to the fields. Milestones read and write as "10K, 25K, 1.5M".
import type { EventType } from '@/lib/event-types';
import { inListOrder } from '@/lib/event-types';
import type { AlertRules } from './get-alert-rules';

/** Every list or campaign (the API's `null`), or only those ticked. */
export type Scope = { all: boolean; ids: string[] };

export type AlertRulesDraft = {
  events: EventType[];
  lists: Scope;
  campaigns: Scope;
  viral_multiple: string;
  viral_min_views: string;
  milestones: string;
  dormant_days: string;
};

/** Messages by the API's field name (`dormant_days`), as the server's pointers name them too. */
export type DraftErrors = Record<string, string>;

const UNITS = [
  { size: 1_000_000_000, suffix: 'B' },
  { size: 1_000_000, suffix: 'M' },
  { size: 1_000, suffix: 'K' },
] as const;

/** 25000 → "25K", 2500000 → "2.5M", 12345 → "12345": short where that stays exact. */
export function formatMilestone(followers: number): string {
  for (const { size, suffix } of UNITS) {
    if (followers >= size && Number.isInteger((followers * 100) / size)) return `${followers / size}${suffix}`;
  }
  return String(followers);
}

/** "10K, 25k 1.5M" → [10000, 25000, 1500000], in increasing order and each once; or what is not a count. */
export function parseMilestones(text: string): { milestones: number[] } | { error: string } {
  const milestones = new Set<number>();
  for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
    const match = /^(\d+(?:\.\d+)?)([kmb])?$/i.exec(entry);
    const unit = UNITS.find((candidate) => candidate.suffix === match?.[2]?.toUpperCase());
    const followers = match ? Number(match[1]) * (unit?.size ?? 1) : Number.NaN;
    const rounded = Math.round(followers);
    // Binary fractions leave dust (1.1 × 1,000,000); a count that is not whole was not meant.
    if (!Number.isFinite(followers) || Math.abs(followers - rounded) > 1e-6) {
      return { error: `“${entry}” is not a follower count. Write whole numbers like 50000, 50K or 1.5M.` };
    }
    milestones.add(rounded);
  }
  return { milestones: [...milestones].sort((a, b) => a - b) };
}

export function draftFromRules(rules: AlertRules): AlertRulesDraft {
  return {
    events: inListOrder(rules.events),
    lists: { all: rules.list_ids === null, ids: rules.list_ids ?? [] },
    campaigns: { all: rules.campaign_ids === null, ids: rules.campaign_ids ?? [] },
    viral_multiple: rules.viral_multiple === null ? '' : String(rules.viral_multiple),
    viral_min_views: String(rules.viral_min_views),
    milestones: rules.milestones.map(formatMilestone).join(', '),
    dormant_days: String(rules.dormant_days),
  };
}

const ENTER_A_NUMBER = 'Enter a number.';

/** The rules to send, or the fields that cannot be sent as they are. */
export function rulesFromDraft(draft: AlertRulesDraft): { rules: AlertRules } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  const number = (field: 'viral_multiple' | 'viral_min_views' | 'dormant_days', text: string): number => {
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) errors[field] = ENTER_A_NUMBER;
    return value;
  };
  const viralMultiple = draft.viral_multiple.trim() === '' ? null : number('viral_multiple', draft.viral_multiple);
  const viralMinViews = number('viral_min_views', draft.viral_min_views);
  const dormantDays = number('dormant_days', draft.dormant_days);
  const milestones = parseMilestones(draft.milestones);
  if ('error' in milestones) errors.milestones = milestones.error;
  if (Object.keys(errors).length > 0 || 'error' in milestones) return { errors };
  return {
    rules: {
      events: inListOrder(draft.events),
      list_ids: draft.lists.all ? null : draft.lists.ids,
      campaign_ids: draft.campaigns.all ? null : draft.campaigns.ids,
      viral_multiple: viralMultiple,
      viral_min_views: viralMinViews,
      milestones: milestones.milestones,
      dormant_days: dormantDays,
    },
  };
}
