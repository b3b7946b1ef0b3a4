// How analytic values read on screen: percentages, multiples, money, tiers and the reasons a value
// is missing. Kept apart from `format.ts` (counts, dates, sources) because only the analytics screens
// (dashboard, rising, the creator's analytics, campaign reports and the settings that drive them) use it.
import type { components } from './api/schema';

type Unavailable = components['schemas']['Unavailable'];
type Unit = components['schemas']['Unit'];
export type Tier = components['schemas']['Tier'];

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const signedOneDecimal = new Intl.NumberFormat('en', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const signedWhole = new Intl.NumberFormat('en', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const wholeShare = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });

/** 7.557 → "7.6%". */
export function formatPercent(value: number): string {
  return `${oneDecimal.format(value)}%`;
}

/** A change in percent: 9.29 → "+9.3%"; a change that rounds to nothing reads "0.0%", not "-0.0%". */
export function formatSignedPercent(value: number): string {
  return `${signedOneDecimal.format(Math.abs(value) < 0.05 ? 0 : value)}%`;
}

/** A share of 0–1 as a whole percentage: 0.53 → "53%". */
export function formatShare(value: number): string {
  return wholeShare.format(value);
}

/** A multiple of something: 6.68 → "6.7×". */
export function formatMultiple(value: number): string {
  return `${oneDecimal.format(value)}×`;
}

/** A daily pace: 1227.9 → "+1,228 a day". */
export function formatDailyGain(value: number): string {
  return `${signedWhole.format(Math.round(value))} a day`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
type MoneyDigits = 'cents' | 'whole' | 'significant';
const MONEY_DIGITS: Record<MoneyDigits, Intl.NumberFormatOptions> = {
  cents: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  whole: { maximumFractionDigits: 0 },
  // Amounts under 1 (a cost per view) keep two significant digits: $0.006, not $0.01.
  significant: { maximumSignificantDigits: 2 },
};

function moneyFormat(currency: string, digits: MoneyDigits): Intl.NumberFormat {
  const key = `${currency}:${digits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en', { style: 'currency', currency, ...MONEY_DIGITS[digits] });
    } catch {
      // Not a currency Intl knows: the number alone (the code is added by the caller).
      format = new Intl.NumberFormat('en', MONEY_DIGITS[digits]);
    }
    moneyFormats.set(key, format);
  }
  return format;
}

function writeMoney(value: number, currency: string, digits: MoneyDigits): string {
  const format = moneyFormat(currency, digits);
  const text = format.format(value);
  return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/** 331.539 in USD → "$331.54", 0.0061 → "$0.0061". An unknown currency code reads "331.54 XYZ". */
export function formatMoney(value: number, currency: string): string {
  return writeMoney(value, currency, value === 0 || Math.abs(value) >= 1 ? 'cents' : 'significant');
}

/** A low–high range of money: "$331.54–$663.08". */
export function formatMoneyRange(range: { low: number; high: number }, currency: string): string {
  return `${formatMoney(range.low, currency)}–${formatMoney(range.high, currency)}`;
}

/**
 * An estimated price rounded as far as it deserves: to 1 below 10, to 5 below 100, to 10 below 1,000
 * and to 50 above. An estimate built on a median and a published range is not good to the cent.
 */
export function roundPrice(value: number): number {
  const magnitude = Math.abs(value);
  const step = magnitude < 10 ? 1 : magnitude < 100 ? 5 : magnitude < 1000 ? 10 : 50;
  return Math.round(value / step) * step;
}

/** A price estimate or a published price, rounded: 264.95–529.90 USD → "$265–$530". */
export function formatPriceRange(range: { low: number; high: number | null }, currency: string): string {
  const low = writeMoney(roundPrice(range.low), currency, 'whole');
  return range.high == null ? `${low}+` : `${low}–${writeMoney(roundPrice(range.high), currency, 'whole')}`;
}

const upToTwoDecimals = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const upToOneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/**
 * A Measure's value by its unit, for values whose screen has no better words: a share 0.0123 →
 * "1.23%" (rates of a few percent need both decimals), a percent 42.1 → "42.1%", a ratio → "3.2×",
 * money → "$12.50", a count 4.5 → "4.5".
 */
export function formatByUnit(value: number, unit: Unit, currency: string): string {
  switch (unit) {
    case 'share':
      return `${upToTwoDecimals.format(value * 100)}%`;
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatMultiple(value);
    case 'money':
      return formatMoney(value, currency);
    case 'per_day':
      return formatDailyGain(value);
    case 'count':
    case 'score':
      return upToOneDecimal.format(value);
  }
}

const UNAVAILABLE_REASONS: Record<Unavailable, string> = {
  no_history: 'no history yet',
  not_enough_history: 'not enough history for this window',
  zero_base: 'the starting count was zero',
  not_enough_videos: 'not enough videos (at least 3 are needed)',
  no_views: 'the videos have no views',
  no_followers: 'no follower count',
  not_growing: 'not growing',
  not_enough_points: 'not enough data points',
  not_finite: 'cannot be computed from these numbers',
  zero_assumption: 'an assumption it depends on is zero',
  not_set: 'not set in Settings',
  not_enough_data: 'not enough data yet for an honest number',
  no_audience_data: 'no audience data',
  no_target: 'no target audience set in Settings',
};

/** Why a value is missing, in words: `not_enough_videos` → "not enough videos (at least 3 are needed)". */
export function describeUnavailable(reason: Unavailable | null | undefined): string {
  return reason ? UNAVAILABLE_REASONS[reason] : 'not available';
}

export const TIERS: readonly { id: Tier; label: string; band: string }[] = [
  { id: 'nano', label: 'Nano', band: '1K–10K' },
  { id: 'micro', label: 'Micro', band: '10K–100K' },
  { id: 'mid', label: 'Mid', band: '100K–500K' },
  { id: 'macro', label: 'Macro', band: '500K–1M' },
  { id: 'mega', label: 'Mega', band: '1M+' },
];

/** `micro` → "Micro". */
export function tierLabel(tier: Tier): string {
  return TIERS.find((candidate) => candidate.id === tier)?.label ?? tier;
}

export function isTier(value: string | null): value is Tier {
  return TIERS.some((tier) => tier.id === value);
}

type AudienceKind = components['schemas']['AudienceKind'];

const AUDIENCE_KIND_LABELS: Record<AudienceKind, string> = {
  connected: 'connected-account',
  provider: 'provider-reported',
  imported: 'imported',
  manual: 'hand-entered',
  estimated: 'estimated',
};

/** How an audience profile was obtained, as an adjective: `provider` → "provider-reported". */
export function audienceKindLabel(kind: AudienceKind): string {
  return AUDIENCE_KIND_LABELS[kind];
}
