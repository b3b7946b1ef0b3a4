// MSW handlers for the analytics endpoints (dashboard, creator analytics, rising, a hashtag's videos
// and creators, audience, workspace settings), typed from the schema like the rest. They derive their
// numbers from the in-memory `db` (history, videos) plus a little analytics state that tests set:
// which creators are rising and why, fit scores and intervals, audience profiles, settings. Reset
// before every test.
import { HttpResponse } from 'msw';
import type { components } from '@/lib/api/schema';
import { caller, http, problem } from './mock-api';
import { db, isTracked, nextId, summaryOf, type MockCreator } from './mock-db';

type Schemas = components['schemas'];
type Measure = Schemas['Measure_f64'];
type FieldError = Schemas['FieldError'];

/** The mock server's "today": the day after the last point `addDailyHistory` usually writes. */
const TODAY = '2026-11-20';
const NOW = '2026-11-20T12:00:00Z';
const PROBLEM_HEADERS = { headers: { 'Content-Type': 'application/problem+json' } };

export type AnalyticsDb = {
  settings: Schemas['Settings'];
  target: Schemas['TargetAudience'];
  /** Creators that are rising, with the reasons the badge gives. */
  rising: Record<string, string[]>;
  /** Audience fit scores; a creator without one is "unknown". */
  fit: Record<string, number>;
  /** The kind of audience profile behind a fit (manual when not set). */
  fitKind: Record<string, Schemas['AudienceKind']>;
  /** A fit's 95% interval, for fits from a sample (none when not set). */
  fitInterval: Record<string, Schemas['FitInterval']>;
  /** Content signals (from videos, not audience data), shown where the fit is unknown. */
  content: Record<string, number>;
  audience: Record<string, Schemas['AudienceResponse'][]>;
  /** The role the caller has in their workspace, for the owner-only settings. */
  role: Schemas['Role'];
};

/** Like the server's: $6 up to a top that grows with the creator's size. */
const DEFAULT_CPM: Schemas['DefaultCpm'][] = [
  { tier: 'nano', low: 6, high_from: 8, high_to: 8 },
  { tier: 'micro', low: 6, high_from: 8, high_to: 10 },
  { tier: 'mid', low: 6, high_from: 12, high_to: 12 },
  { tier: 'macro', low: 6, high_from: 15, high_to: 15 },
  { tier: 'mega', low: 6, high_from: 20, high_to: 20 },
];

/** Like the server: every stored video the analytics name by id (the outliers, a spike's explaining video). */
function namedVideos(analytics: Schemas['CreatorAnalytics']): Schemas['VideoResponse'][] {
  const ids = new Set([
    ...analytics.outliers.videos.map((video) => video.video_id),
    ...analytics.authenticity.signals.flatMap((signal) => (signal.explained_by ? [signal.explained_by.video_id] : [])),
  ]);
  return Object.values(db.videos)
    .flat()
    .filter((video) => ids.has(video.id));
}

const KIND_RANK: Record<Schemas['AudienceKind'], number> = {
  connected: 3,
  provider: 2,
  imported: 1,
  manual: 1,
  estimated: 0,
};

/** Like the server: fit uses the best kind, then the newest; `profiles` are newest first. */
function markUsedForFit(profiles: Schemas['AudienceResponse'][]): Schemas['AudienceResponse'][] {
  const rank = (p: Schemas['AudienceResponse']) => [KIND_RANK[p.kind], Date.parse(p.captured_at)] as const;
  let best = -1;
  profiles.forEach((profile, index) => {
    const [kind, at] = rank(profile);
    const current = best >= 0 ? rank(profiles[best]!) : null;
    if (!current || kind > current[0] || (kind === current[0] && at > current[1])) best = index;
  });
  return profiles.map((profile, index) => ({ ...profile, used_for_fit: index === best }));
}

function defaultSettings(): Schemas['Settings'] {
  return {
    viral_multiple: 5,
    rising_follower_ceiling: 1_000_000,
    cpm_overrides: [],
    returns: {
      product_cost: 20,
      shipping_cost: 5,
      click_through_rate: 0.01,
      conversion_rate: 0.02,
      average_order_value: null,
      currency: 'USD',
    },
  };
}

function emptyAnalyticsDb(): AnalyticsDb {
  return {
    settings: defaultSettings(),
    target: { countries: [], languages: [], age_bands: [], genders: [], interests: [] },
    rising: {},
    fit: {},
    fitKind: {},
    fitInterval: {},
    content: {},
    audience: {},
    role: 'owner',
  };
}

export const analyticsDb: AnalyticsDb = emptyAnalyticsDb();

export function resetAnalyticsDb(): void {
  Object.assign(analyticsDb, emptyAnalyticsDb());
}

const unauthorized = () =>
  HttpResponse.json(problem(401, 'invalid_token', 'The token is invalid, expired or revoked.'), {
    status: 401,
    ...PROBLEM_HEADERS,
  });
const notFound = () => HttpResponse.json(problem(404, 'not_found', 'Not found.'), { status: 404, ...PROBLEM_HEADERS });
const forbidden = () =>
  HttpResponse.json(problem(403, 'forbidden', 'Your role in this workspace does not allow this.'), {
    status: 403,
    ...PROBLEM_HEADERS,
  });
const invalid = (errors: FieldError[]) =>
  HttpResponse.json(problem(422, 'validation_failed', 'One or more fields are invalid.', errors), {
    status: 422,
    ...PROBLEM_HEADERS,
  });

// ---- Numbers derived from the mock database ----

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function tierOf(followers: number | null | undefined): Schemas['Tier'] | null {
  if (followers == null) return null;
  if (followers >= 1_000_000) return 'mega';
  if (followers >= 500_000) return 'macro';
  if (followers >= 100_000) return 'mid';
  if (followers >= 10_000) return 'micro';
  return 'nano';
}

const day = (iso: string) => iso.slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** One count a window of `days` back from the latest point, as the server measures growth. */
function growthOf(
  creator: MockCreator,
  days: number,
  metric: Schemas['Metric'] = 'followers',
): Schemas['GrowthSummary'] & { start_date: string | null } {
  const points = db.history[creator.id] ?? [];
  const last = points[points.length - 1];
  const none = { absolute: null, percent: null, actual_days: null, start_date: null };
  if (!last) return none;
  const start = [...points].reverse().find((point) => daysBetween(point.captured_at, last.captured_at) >= days);
  if (!start) return none;
  const absolute = last[metric] - start[metric];
  return {
    absolute,
    percent: start[metric] > 0 ? (absolute / start[metric]) * 100 : null,
    actual_days: daysBetween(start.captured_at, last.captured_at),
    start_date: day(start.captured_at),
  };
}

function engagementOf(creator: MockCreator): Schemas['EngagementSummary'] {
  const videos = (db.videos[creator.id] ?? []).filter((video) => video.views > 0);
  const views = median(videos.map((video) => video.views));
  const interactions = median(videos.map((video) => video.likes + video.comments + video.shares));
  const enough = videos.length >= 3;
  return {
    median_percent: enough && views && interactions !== null ? (interactions / views) * 100 : null,
    median_views: enough ? views : null,
    sample_size: videos.length,
  };
}

function risingOf(creator: MockCreator): Schemas['Rising'] {
  const reasons = analyticsDb.rising[creator.id];
  return {
    formula: 'rising.v1',
    rising: Boolean(reasons),
    reasons: reasons ?? ['not enough history: rising needs 30 days'],
    accelerating: reasons ? true : null,
    acceleration: reasons ? 2 : null,
    growth_7d_percent: growthOf(creator, 7).percent ?? null,
    best_video_id: null,
    best_video_multiple: null,
    viral_multiple: analyticsDb.settings.viral_multiple,
    follower_ceiling: analyticsDb.settings.rising_follower_ceiling,
  };
}

function topVideoOf(creator: MockCreator): Schemas['VideoResponse'] | null {
  return [...(db.videos[creator.id] ?? [])].sort((a, b) => b.views - a.views)[0] ?? null;
}

export function summaryFor(creator: MockCreator): Schemas['AnalyticsSummary'] {
  const { start_date: _start7, ...growth7 } = growthOf(creator, 7);
  const { start_date: _start30, ...growth30 } = growthOf(creator, 30);
  const rising = risingOf(creator);
  return {
    as_of: creator.latest ? day(creator.latest.captured_at) : null,
    followers: creator.latest?.followers ?? null,
    growth_7d: growth7,
    growth_30d: growth30,
    acceleration: rising.acceleration ?? null,
    engagement_by_views: engagementOf(creator),
    outlier_count: rising.rising ? 1 : 0,
    rising,
    tier: tierOf(creator.latest?.followers),
    fit_score: analyticsDb.fit[creator.id] ?? null,
    fit_kind: analyticsDb.fit[creator.id] == null ? null : (analyticsDb.fitKind[creator.id] ?? 'manual'),
    fit_sample_size: null,
    fit_interval: analyticsDb.fit[creator.id] == null ? null : (analyticsDb.fitInterval[creator.id] ?? null),
    content_signal: analyticsDb.content[creator.id] ?? null,
    top_video_id: topVideoOf(creator)?.id ?? null,
  };
}

/** Followers on each of the 30 days up to the latest point, null where none was recorded. */
function sparklineOf(creator: MockCreator): (number | null)[] {
  const points = db.history[creator.id] ?? [];
  const last = points[points.length - 1];
  if (!last) return Array.from({ length: 30 }, () => null);
  const byDay = new Map(points.map((point) => [day(point.captured_at), point.followers]));
  return Array.from({ length: 30 }, (_, index) => {
    const date = new Date(Date.parse(last.captured_at) - (29 - index) * 86_400_000).toISOString();
    return byDay.get(day(date)) ?? null;
  });
}

type SortKey = Schemas['DashboardSort'];

/** Names and places A→Z, numbers biggest first, as the server orders them when not told. */
export const defaultOrder = (sort: SortKey): Schemas['SortOrder'] =>
  sort === 'position' || sort === 'handle' ? 'asc' : 'desc';

function sortValue(row: Schemas['DashboardRow'], sort: SortKey): number | string | null {
  switch (sort) {
    case 'position':
      return row.position;
    case 'handle':
      return row.creator.handle;
    case 'followers':
      return row.latest?.followers ?? null;
    case 'growth_7d':
      return row.summary.growth_7d.absolute ?? null;
    case 'growth_30d':
      return row.summary.growth_30d.absolute ?? null;
    case 'acceleration':
      return row.summary.acceleration ?? null;
    case 'engagement':
      return row.summary.engagement_by_views.median_percent ?? null;
    case 'outliers':
      return row.summary.outlier_count;
    case 'rising':
      return row.summary.rising.rising ? 1 : 0;
    case 'fit':
      return row.summary.fit_score ?? null;
  }
}

export function dashboardOf(
  listId: string,
  sort: SortKey,
  order: Schemas['SortOrder'],
): Schemas['DashboardResponse'] | null {
  const list = db.lists.find((candidate) => candidate.id === listId);
  if (!list) return null;
  const rows = (db.items[listId] ?? []).map((item) => {
    const creator = db.creators.find((candidate) => candidate.id === item.creator.id);
    if (!creator) throw new Error(`mock: no creator ${item.creator.id}`);
    return {
      item_id: item.id,
      position: item.position,
      note: item.note,
      tags: item.tags,
      creator: summaryOf(creator),
      latest: creator.latest ?? null,
      summary: summaryFor(creator),
      sparkline: sparklineOf(creator),
      top_video: topVideoOf(creator),
    };
  });
  const direction = order === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const left = sortValue(a, sort);
    const right = sortValue(b, sort);
    // Rows without a value come last either way, as on the server.
    if (left === null || right === null) return left === null ? (right === null ? 0 : 1) : -1;
    return (left < right ? -1 : left > right ? 1 : 0) * direction;
  });
  const engagements = rows
    .map((row) => row.summary.engagement_by_views.median_percent)
    .filter((value): value is number => value != null);
  return {
    list,
    computed_at: NOW,
    sparkline_days: 30,
    totals: {
      creators: rows.length,
      combined_followers: rows.reduce((sum, row) => sum + (row.latest?.followers ?? 0), 0),
      median_engagement_percent: median(engagements),
      rising: rows.filter((row) => row.summary.rising.rising).length,
    },
    rows,
  };
}

// ---- A creator's full analytics ----

export function measure(
  value: number | null,
  formula: string,
  formulaText: string,
  overrides: Partial<Measure> = {},
): Measure {
  return {
    ...(value === null ? {} : { value }),
    unit: 'count',
    formula,
    formula_text: formulaText,
    window_days: null,
    window_videos: null,
    sample_size: 0,
    unavailable: value === null ? 'not_enough_history' : null,
    ...overrides,
  };
}

function growthWindows(creator: MockCreator, metric: Schemas['Metric']): Schemas['GrowthWindow'][] {
  const last = (db.history[creator.id] ?? []).at(-1);
  return [1, 7, 30, 90, 365].map((windowDays) => {
    const growth = growthOf(creator, windowDays, metric);
    const sample = { window_days: windowDays, sample_size: growth.absolute == null ? 0 : windowDays + 1 };
    const perDay = growth.absolute != null && growth.actual_days ? growth.absolute / growth.actual_days : null;
    return {
      window_days: windowDays,
      start_date: growth.start_date,
      end_date: last ? day(last.captured_at) : null,
      actual_days: growth.actual_days ?? null,
      absolute: {
        ...measure(growth.absolute ?? null, 'growth.abs.v1', 'F(end) − F(start)', sample),
        unit: 'count',
      },
      percent: {
        ...measure(growth.percent ?? null, 'growth.pct.v1', '(F(end) − F(start)) ÷ F(start) × 100', sample),
        unit: 'percent',
      },
      average_daily_gain: {
        ...measure(
          perDay,
          'growth.daily_gain.v1',
          '(F(end) − F(start)) ÷ actual days between the two snapshots',
          sample,
        ),
        unit: 'per_day',
      },
    };
  });
}

function metricGrowth(creator: MockCreator, metric: Schemas['Metric']): Schemas['MetricGrowth'] {
  return {
    metric,
    current: creator.latest?.[metric] ?? null,
    windows: growthWindows(creator, metric),
    acceleration: {
      ratio: measure(null, 'growth.acceleration.v1', 'average daily gain over 7 days ÷ over 30 days', {
        unit: 'ratio',
      }),
      accelerating: null,
    },
  };
}

function unavailable(formula: string, text: string, reason: Schemas['Unavailable']): Measure {
  return measure(null, formula, text, { unavailable: reason });
}

export function analyticsFor(creator: MockCreator): Schemas['CreatorAnalytics'] {
  const engagement = engagementOf(creator);
  const videos = db.videos[creator.id] ?? [];
  const followers = creator.latest?.followers ?? null;
  const tier = tierOf(followers);
  const fit = analyticsDb.fit[creator.id];
  const byViews = measure(
    engagement.median_percent ?? null,
    'engagement.views.median.v1',
    'median(likes + comments + shares) ÷ median(views) × 100 over the last 30 videos with views',
    {
      unit: 'percent',
      window_videos: 30,
      sample_size: engagement.sample_size,
      unavailable: engagement.median_percent == null ? 'not_enough_videos' : null,
    },
  );
  const expectedViews = measure(
    median(videos.map((video) => video.views)),
    'views.median.v1',
    'median views of the last 30 videos with views',
    { window_videos: 30, sample_size: videos.length, unavailable: videos.length === 0 ? 'not_enough_videos' : null },
  );
  const money = (formula: string): Schemas['Measure_MoneyRange'] => ({
    unit: 'money',
    formula,
    formula_text: 'expected views ÷ 1000 × CPM range of the tier',
    window_days: null,
    window_videos: 30,
    sample_size: videos.length,
    unavailable: 'not_enough_videos',
  });
  const milestone: Schemas['Milestone'] = {
    formula: 'projection.milestone.v1',
    goal: null,
    daily_gain: null,
    reachable: false,
    days: null,
    date: null,
    beyond_reliable_horizon: false,
    explanation: 'no projection',
  };
  return {
    as_of: creator.latest ? day(creator.latest.captured_at) : null,
    today: TODAY,
    computed_at: NOW,
    followers,
    growth: {
      as_of: creator.latest ? day(creator.latest.captured_at) : null,
      tracking_since: creator.tracking_since ? day(creator.tracking_since) : null,
      followers: metricGrowth(creator, 'followers'),
      following: metricGrowth(creator, 'following'),
      likes: metricGrowth(creator, 'likes'),
      videos: metricGrowth(creator, 'videos'),
    },
    projection: {
      as_of: null,
      current: followers,
      unavailable: 'not_enough_history',
      history_days: (db.history[creator.id] ?? []).length,
      horizon_days: 0,
      linear_daily_gain: unavailable('projection.linear.v1', 'gain = (F(T) − F(T − 30)) ÷ 30', 'not_enough_history'),
      weighted_daily_gain: unavailable('projection.weighted.v1', 'Σ 0.95^k × Δ ÷ Σ 0.95^k', 'not_enough_history'),
      residual_standard_error: unavailable('projection.band80.v1', '80% band', 'not_enough_history'),
      points: [],
      milestone,
      milestone_weighted: milestone,
      driven_by_spike: null,
      largest_day: null,
    },
    engagement: {
      by_views: byViews,
      by_followers: measure(null, 'engagement.followers.median.v1', 'median(likes + comments + shares) ÷ followers', {
        unit: 'percent',
        window_videos: 30,
        sample_size: engagement.sample_size,
        unavailable: 'not_enough_videos',
      }),
      by_views_total: byViews,
      by_views_mean_of_rates: byViews,
      expected_views: expectedViews,
    },
    outliers: {
      viral_multiple: analyticsDb.settings.viral_multiple,
      median_views: expectedViews,
      videos: [],
      viral_count_30d: 0,
      top_video_id: null,
      unavailable: 'not_enough_videos',
    },
    rising: risingOf(creator),
    tier:
      tier && followers != null
        ? {
            tier,
            table: 'common_alternative',
            band: '1K–10K',
            followers,
            below_table: followers < 1000,
            benchmark_engagement_percent: 10.3,
          }
        : null,
    fair_price: {
      currency: 'USD',
      tier,
      expected_views: expectedViews,
      cpm: null,
      cpm_source: 'default',
      price: money('price.cpm_range.v1'),
      cost_per_view: money('price.cpv.v1'),
      cost_per_engagement: money('price.cpe.v1'),
      per_thousand_target_followers: {
        ...money('price.per_thousand_target_followers.v1'),
        unavailable: 'no_audience_data',
      },
      rate_card: null,
      assumptions: [{ name: 'CPM range', value: '6.00–12.00 USD per 1,000 views', source: 'reference' }],
      explanation: 'not enough videos to price a post',
    },
    returns: {
      currency: 'USD',
      expected_views: expectedViews,
      expected_clicks: unavailable('returns.clicks.v1', 'expected views × click-through rate', 'not_enough_videos'),
      expected_orders: unavailable(
        'returns.orders.v1',
        'expected views × click-through rate × conversion rate',
        'not_enough_videos',
      ),
      gift_cost: 25,
      cost_per_expected_order: unavailable(
        'returns.cost_per_order.v1',
        '(product cost + shipping) ÷ expected orders',
        'not_enough_videos',
      ),
      cost_per_expected_order_with_fee: money('returns.cost_per_order.v1'),
      expected_revenue: unavailable('returns.revenue.v1', 'expected orders × average order value', 'not_set'),
      revenue_per_gift_cost: unavailable('returns.revenue_per_cost.v1', 'expected revenue ÷ gift cost', 'not_set'),
      pays_for_itself: null,
      verdict: 'not enough videos to estimate orders',
      assumptions: [{ name: 'click-through rate', value: '1% of viewers visit the shop', source: 'default_setting' }],
    },
    authenticity: { checked_days: 0, signals: [], data_quality: [], summary: 'nothing worth checking in 0 days' },
    fit: {
      formula: 'fit.audience.v1',
      formula_text: '100 × weighted mean over the target’s dimensions of the audience share matching the target',
      score: fit ?? null,
      unavailable: fit === undefined ? 'no_audience_data' : null,
      kind: fit === undefined ? null : (analyticsDb.fitKind[creator.id] ?? 'manual'),
      source: fit === undefined ? null : 'manual',
      captured_at: null,
      sample_size: null,
      interval: fit === undefined ? null : (analyticsDb.fitInterval[creator.id] ?? null),
      dimensions: [],
      estimated_target_share: null,
      explanation: fit === undefined ? 'unknown: no audience data for this creator' : `fit ${fit}/100`,
    },
    content_signal: {
      kind: 'content_signal',
      label: "Content signal: from the creator's videos, not audience data",
      formula: 'fit.content.v1',
      formula_text: '100 × mean of the share of recent videos posted from target countries and using a target hashtag',
      score: null,
      unavailable: 'no_target',
      region_match: unavailable('fit.content.region.v1', 'videos from a target country ÷ videos', 'no_target'),
      interest_match: unavailable('fit.content.interest.v1', 'videos with a target hashtag ÷ videos', 'no_target'),
      matched_regions: [],
      matched_hashtags: [],
      explanation: 'no target audience',
    },
    daily_gains: [],
  };
}

// ---- Validation, enough for the forms' tests ----

const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{2}$/;
const AGE_BANDS = ['13-17', '18-24', '25-34', '35-44', '45-54', '55+'];
const GENDERS = ['female', 'male', 'other'];

function validateTarget(target: Schemas['TargetAudience']): FieldError[] {
  const errors: FieldError[] = [];
  const check = (field: keyof Schemas['TargetAudience'], valid: (entry: string) => boolean, detail: string) =>
    target[field].forEach((entry, index) => {
      if (!valid(entry)) errors.push({ pointer: `/${field}/${index}`, detail });
    });
  check('countries', (entry) => COUNTRY.test(entry), 'must be an ISO 3166-1 alpha-2 code in upper case, like "US"');
  check('languages', (entry) => LANGUAGE.test(entry), 'must be an ISO 639-1 code in lower case, like "en"');
  check('age_bands', (entry) => AGE_BANDS.includes(entry), `must be one of ${AGE_BANDS.join(', ')}`);
  check('genders', (entry) => GENDERS.includes(entry), 'must be one of female, male, other');
  check('interests', (entry) => /^[a-z0-9_]+$/.test(entry), "must be a hashtag in lower case without '#' or spaces");
  return errors;
}

function validateSettings(settings: Schemas['Settings']): FieldError[] {
  const errors: FieldError[] = [];
  if (!(settings.viral_multiple > 1 && settings.viral_multiple <= 1000)) {
    errors.push({ pointer: '/viral_multiple', detail: 'must be a number above 1 and at most 1000' });
  }
  if (!(settings.rising_follower_ceiling > 0)) {
    errors.push({ pointer: '/rising_follower_ceiling', detail: 'must be a positive number of followers' });
  }
  settings.cpm_overrides.forEach((override, index) => {
    if (override.high < override.low)
      errors.push({ pointer: `/cpm_overrides/${index}/high`, detail: 'must not be below low' });
  });
  for (const share of ['click_through_rate', 'conversion_rate'] as const) {
    const value = settings.returns[share];
    if (!(value >= 0 && value <= 1)) {
      errors.push({ pointer: `/returns/${share}`, detail: 'must be a share from 0 to 1 (0.01 is 1%)' });
    }
  }
  if (!/^[A-Z]{3}$/.test(settings.returns.currency)) {
    errors.push({
      pointer: '/returns/currency',
      detail: 'must be an ISO 4217 code of three capital letters, like "USD"',
    });
  }
  return errors;
}

function validateAudience(input: Schemas['AudienceInput']): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, share] of Object.entries(input.countries ?? {})) {
    if (!COUNTRY.test(key))
      errors.push({ pointer: `/countries/${key}`, detail: 'is not an ISO 3166-1 alpha-2 code in upper case' });
    if (share < 0 || share > 1) errors.push({ pointer: `/countries/${key}`, detail: 'must be a share from 0 to 1' });
  }
  return errors;
}

function findCreator(id: string): MockCreator | undefined {
  return db.creators.find((candidate) => candidate.id === id);
}

/** Like the server: the creators of a hashtag's videos, one each, most views under the hashtag first. */
function hashtagCreatorsOf(videos: Schemas['HashtagVideoResponse'][]): Schemas['HashtagCreatorResponse'][] {
  const byCreator = new Map<string, Schemas['HashtagCreatorResponse']>();
  for (const { video, creator: summary, tracked } of videos) {
    const seen = byCreator.get(summary.id);
    if (seen) {
      seen.videos_here += 1;
      seen.views_here += video.views;
      continue;
    }
    const creator = findCreator(summary.id);
    if (!creator) throw new Error(`mock: no creator ${summary.id}`);
    const latest = creator.latest ?? null;
    byCreator.set(summary.id, {
      creator: summary,
      tracked,
      followers: latest && { count: latest.followers, source: latest.source, captured_at: latest.captured_at },
      latest,
      summary: summaryFor(creator),
      videos_here: 1,
      views_here: video.views,
    });
  }
  return [...byCreator.values()].sort((a, b) => b.views_here - a.views_here);
}

export const analyticsHandlers = [
  http.get('/api/v1/lists/{list_id}/dashboard', ({ request, params, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const sort = query.get('sort') ?? 'position';
    const dashboard = dashboardOf(params.list_id, sort, query.get('order') ?? defaultOrder(sort));
    return dashboard ? response(200).json(dashboard) : response.untyped(notFound());
  }),

  http.get('/api/v1/lists/{list_id}/dashboard.csv', ({ request, params, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const sort = query.get('sort') ?? 'position';
    const dashboard = dashboardOf(params.list_id, sort, query.get('order') ?? defaultOrder(sort));
    if (!dashboard) return response.untyped(notFound());
    const rows = dashboard.rows.map((row) =>
      [row.position, row.creator.handle, row.latest?.followers ?? '', row.summary.rising.rising].join(','),
    );
    return response(200).text(['position,handle,followers,rising', ...rows].join('\n') + '\n');
  }),

  http.get('/api/v1/creators/{creator_id}/analytics', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const creator = findCreator(params.creator_id);
    if (!creator) return response.untyped(notFound());
    const analytics = analyticsFor(creator);
    return response(200).json({ creator_id: creator.id, computed_at: NOW, analytics, videos: namedVideos(analytics) });
  }),

  http.get('/api/v1/discover/rising', ({ request, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const tier = query.get('tier');
    const minFit = query.get('min_fit');
    const fitKnown = query.get('fit_known') === 'true';
    const items = db.creators
      .filter((creator) => analyticsDb.rising[creator.id])
      .map((creator) => ({
        creator: summaryOf(creator),
        latest: creator.latest ?? null,
        summary: summaryFor(creator),
        sparkline: sparklineOf(creator),
        top_video: topVideoOf(creator),
      }))
      .filter((item) => !tier || item.summary.tier === tier)
      .filter((item) => minFit === null || (item.summary.fit_score ?? -1) >= Number(minFit))
      .filter((item) => !fitKnown || item.summary.fit_score != null);
    return response(200).json({ computed_at: NOW, items });
  }),

  // Here rather than in mock-api, which cannot import `summaryFor` (this module imports mock-api).
  http.get('/api/v1/hashtags/{tag}/videos', ({ request, params, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    if (!db.source.capabilities.hashtag_videos) {
      return response(409).json(
        problem(409, 'source_unavailable', 'No data source that can pull hashtags is configured.'),
        PROBLEM_HEADERS,
      );
    }
    const tag = params.tag.replace(/^#/, '').toLowerCase();
    const limit = Number(query.get('limit') ?? 60);
    const videos = db.creators.flatMap((creator) =>
      (db.videos[creator.id] ?? [])
        .filter((video) => video.hashtags.includes(tag))
        .map((video) => ({ video, creator: summaryOf(creator), tracked: isTracked(creator.handle) })),
    );
    const pulled = videos.slice(0, limit);
    return response(200).json({
      tag,
      source: db.source.source,
      fetched_at: '2026-11-20T11:55:00Z',
      cached: true,
      videos: pulled,
      creators: hashtagCreatorsOf(pulled),
    });
  }),

  http.get('/api/v1/workspace/analytics-settings', ({ request, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    return response(200).json({ ...analyticsDb.settings, default_cpm: DEFAULT_CPM });
  }),

  http.put('/api/v1/workspace/analytics-settings', async ({ request, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    if (analyticsDb.role !== 'owner') return response.untyped(forbidden());
    // Like the server: a field left out takes its default.
    const settings: Schemas['Settings'] = { ...defaultSettings(), ...(await request.json()) };
    const errors = validateSettings(settings);
    if (errors.length > 0) return response.untyped(invalid(errors));
    analyticsDb.settings = settings;
    return response(200).json({ ...settings, default_cpm: DEFAULT_CPM });
  }),

  http.get('/api/v1/workspace/target-audience', ({ request, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    return response(200).json(analyticsDb.target);
  }),

  http.put('/api/v1/workspace/target-audience', async ({ request, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    if (analyticsDb.role !== 'owner') return response.untyped(forbidden());
    const target = await request.json();
    const errors = validateTarget(target);
    if (errors.length > 0) return response.untyped(invalid(errors));
    analyticsDb.target = target;
    return response(200).json(target);
  }),

  http.get('/api/v1/creators/{creator_id}/audience', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    if (!findCreator(params.creator_id)) return response.untyped(notFound());
    return response(200).json(markUsedForFit(analyticsDb.audience[params.creator_id] ?? []));
  }),

  http.post('/api/v1/creators/{creator_id}/audience', async ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    if (!findCreator(params.creator_id)) return response.untyped(notFound());
    const input = await request.json();
    const errors = validateAudience(input);
    if (errors.length > 0) return response.untyped(invalid(errors));
    const profile: Schemas['AudienceResponse'] = {
      id: nextId(),
      creator_id: params.creator_id,
      kind: 'manual',
      used_for_fit: false,
      source: 'manual',
      captured_at: input.captured_at,
      sample_size: input.sample_size ?? null,
      ages: input.ages ?? {},
      genders: input.genders ?? {},
      countries: input.countries ?? {},
      languages: input.languages ?? {},
      created_at: NOW,
    };
    const profiles = markUsedForFit([profile, ...(analyticsDb.audience[params.creator_id] ?? [])]);
    analyticsDb.audience[params.creator_id] = profiles;
    return response(201).json(profiles[0]!);
  }),

  http.post('/api/v1/imports/audience', async ({ request, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    // Enough of the importer for the dialog: a line is bad when its handle is unknown.
    const [, ...lines] = (await request.text()).trim().split('\n');
    const errors: FieldError[] = [];
    const profiles = new Set<string>();
    lines.forEach((line, index) => {
      const [handle = '', capturedAt = ''] = line.split(',');
      if (!db.creators.some((creator) => creator.handle === handle)) {
        errors.push({
          line: index + 2,
          detail: `@${handle} is not a creator this workspace knows; add it to a list first`,
        });
      } else profiles.add(`${handle}@${capturedAt}`);
    });
    if (errors.length > 0 && query.get('mode') !== 'partial') {
      return response.untyped(
        HttpResponse.json(
          problem(422, 'import_rejected', `${errors.length} row(s) are invalid; nothing was imported.`, errors),
          { status: 422, ...PROBLEM_HEADERS },
        ),
      );
    }
    return response(200).json({ profiles_written: profiles.size, rows_rejected: errors.length, errors });
  }),
];
