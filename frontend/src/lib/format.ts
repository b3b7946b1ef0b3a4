// How numbers, times and data sources read on screen. One place, so every page says "1.2M" and
// "12 Nov 2026" the same way.

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');
const signed = new Intl.NumberFormat('en', { signDisplay: 'exceptZero' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** 1234567 → "1.2M". */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** 1234567 → "1,234,567". */
export function formatWhole(value: number): string {
  return whole.format(value);
}

/** A change: 1200 → "+1,200", -3 → "-3", 0 → "0". */
export function formatChange(value: number): string {
  return signed.format(value);
}

/** A calendar day in UTC, the zone the backend buckets days in. */
export function formatDay(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** A moment in the viewer's own time zone. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const RELATIVE_UNITS = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
] as const;

/** How long ago (or how soon) a moment is: "5 minutes ago", "in 2 hours", "yesterday", "just now". */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const seconds = (Date.parse(iso) - now.getTime()) / 1000;
  for (const { unit, seconds: size } of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** A wait the server asked for: 1 → "1 second", 45 → "45 seconds", 90 → "2 minutes". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

const SOURCE_LABELS: Record<string, string> = {
  manual: 'entered by hand',
  import: 'CSV import',
  tikapi: 'TikAPI',
  scrapecreators: 'ScrapeCreators',
  research: 'TikTok Research API',
  demo: 'demo data',
  connected: 'the creator’s connected account',
  tiktok_business: 'TikTok API for Business',
};

/** Where a number came from, in words: `import` → "CSV import". Unknown sources read as they are. */
export function describeSource(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

/** "from CSV import, 12 Nov 2026, 10:00": the provenance every shown number carries. */
export function describeProvenance(point: { source: string; captured_at: string }): string {
  return `${describeSource(point.source)}, ${formatDateTime(point.captured_at)}`;
}

const CREATOR_STATUS_LABELS: Record<string, string> = {
  not_found: 'Account not found',
  private: 'Private account',
  banned: 'Banned',
};

/** A warning for a creator zzyzx can no longer track, or `null` while their account is active. */
const REFRESH_REASONS: Record<string, string> = {
  rising: 'rising, so checked sooner',
  campaign: 'in a running campaign, so checked sooner',
  climbing: 'a recent video is still gaining views, so checked sooner',
  regular: 'the regular schedule',
  dormant: 'no video in 30 days, so checked less often',
  unwatched: 'in no list opened in 30 days, so checked less often',
};

/** Why a creator's next refresh is when it is, in words: `rising` → "rising, so checked sooner". */
export function describeRefreshReason(reason: string): string {
  return REFRESH_REASONS[reason] ?? reason;
}

export function describeCreatorStatus(status: string): string | null {
  return status === 'active' ? null : (CREATOR_STATUS_LABELS[status] ?? status);
}
