// The campaign form's contents as typed (strings), and the conversions to and from what the API
// takes. Numbers are checked here, since JSON has no NaN; everything else (dates in order, rule
// lengths, URLs) is the server's to judge, and its 422 pointers are mapped back to the fields.
import type { CampaignInput } from './create-campaign';
import type { Campaign } from './get-campaigns';

export const RULE_KINDS = ['hashtags', 'keywords', 'link_domains', 'code_patterns'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export type CampaignDraft = {
  name: string;
  starts_on: string;
  ends_on: string;
  product: { name: string; unit_cost: string; shipping_cost: string; retail_value: string; currency: string };
  fee: string;
  overdue_days: string;
  landing_url: string;
  brand_handle: string;
  /** Each a comma-separated list as typed. */
  rules: Record<RuleKind, string>;
};

export const DEFAULT_OVERDUE_DAYS = 14;
const DAY_MS = 86_400_000;

/** `2026-11-20` for a moment, in UTC like every date of the API. */
export function isoDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** A new campaign: from today for 30 days, in US dollars, overdue after 14 days. */
export function emptyDraft(today: Date = new Date()): CampaignDraft {
  return {
    name: '',
    starts_on: isoDay(today),
    ends_on: isoDay(new Date(today.getTime() + 30 * DAY_MS)),
    product: { name: '', unit_cost: '', shipping_cost: '', retail_value: '', currency: 'USD' },
    fee: '',
    overdue_days: String(DEFAULT_OVERDUE_DAYS),
    landing_url: '',
    brand_handle: '',
    rules: { hashtags: '', keywords: '', link_domains: '', code_patterns: '' },
  };
}

export function draftFromCampaign(campaign: Campaign): CampaignDraft {
  const rules = campaign.rules;
  const joined = (values: string[] | undefined) => (values ?? []).join(', ');
  return {
    name: campaign.name,
    starts_on: campaign.starts_on,
    ends_on: campaign.ends_on,
    product: {
      name: campaign.product.name,
      unit_cost: String(campaign.product.unit_cost),
      shipping_cost: String(campaign.product.shipping_cost),
      retail_value: String(campaign.product.retail_value),
      currency: campaign.product.currency,
    },
    fee: campaign.fee == null ? '' : String(campaign.fee),
    overdue_days: String(campaign.overdue_days),
    landing_url: campaign.landing_url ?? '',
    brand_handle: rules?.brand_handle ?? '',
    rules: {
      hashtags: joined(rules?.hashtags),
      keywords: joined(rules?.keywords),
      link_domains: joined(rules?.link_domains),
      code_patterns: joined(rules?.code_patterns),
    },
  };
}

/** "#SunnyCo, sunny co ,#SunnyCo" → ["#SunnyCo", "sunny co"]: trimmed, empty and repeated ones dropped. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ];
}

export const ENTER_A_NUMBER = 'Enter a number.';
const ENTER_WHOLE_DAYS = 'Enter a whole number of days.';

/** The body to send, or messages by field (the names `fieldOfPointer` gives) for numbers that are not. */
export function draftToInput(draft: CampaignDraft): { input: CampaignInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const number = (field: string, text: string): number => {
    const parsed = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(parsed)) errors[field] = ENTER_A_NUMBER;
    return parsed;
  };
  const optionalNumber = (field: string, text: string): number | null =>
    text.trim() === '' ? null : number(field, text);

  const product = {
    name: draft.product.name.trim(),
    unit_cost: number('product.unit_cost', draft.product.unit_cost),
    shipping_cost: number('product.shipping_cost', draft.product.shipping_cost),
    retail_value: number('product.retail_value', draft.product.retail_value),
    currency: draft.product.currency.trim().toUpperCase(),
  };
  const fee = optionalNumber('fee', draft.fee);
  const overdueDays = Number(draft.overdue_days.trim());
  if (!Number.isInteger(overdueDays) || draft.overdue_days.trim() === '') errors.overdue_days = ENTER_WHOLE_DAYS;

  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      name: draft.name.trim(),
      starts_on: draft.starts_on,
      ends_on: draft.ends_on,
      product,
      fee,
      overdue_days: overdueDays,
      landing_url: draft.landing_url.trim() || null,
      rules: {
        brand_handle: draft.brand_handle.trim().replace(/^@/, '') || null,
        hashtags: splitList(draft.rules.hashtags),
        keywords: splitList(draft.rules.keywords),
        link_domains: splitList(draft.rules.link_domains),
        code_patterns: splitList(draft.rules.code_patterns),
      },
    },
  };
}

const TOP_FIELDS = ['name', 'starts_on', 'ends_on', 'fee', 'overdue_days', 'landing_url'];
const PRODUCT_FIELDS = ['name', 'unit_cost', 'shipping_cost', 'retail_value', 'currency'];

/**
 * The form field a 422 pointer is about: `/name` → `name`, `/product/unit_cost` → `product.unit_cost`,
 * `/rules/keywords/0` → `rules.keywords`; null for anything the form has no field for.
 */
export function fieldOfPointer(segments: string[]): string | null {
  const [first, second] = segments;
  if (first === undefined) return null;
  if (TOP_FIELDS.includes(first) && segments.length === 1) return first;
  if (first === 'product') return second && PRODUCT_FIELDS.includes(second) ? `product.${second}` : null;
  if (first === 'rules') {
    if (second === 'brand_handle') return 'rules.brand_handle';
    return second && (RULE_KINDS as readonly string[]).includes(second) ? `rules.${second}` : null;
  }
  return null;
}
