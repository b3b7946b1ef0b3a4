// MSW handlers for campaigns: the campaigns themselves, their pipeline, posts, orders, report and
// share links, typed from the schema like the rest. They serve an in-memory campaigns database with
// the server's rules that the pages rely on: roles, validation pointers, the default shipment on
// moving to "shipped", order matching by code or UTM link, duplicates and unmatched rows. Tests set
// the report they want to show; without one the report is computed crudely, every ratio unavailable.
import { HttpResponse } from 'msw';
import type { components } from '@/lib/api/schema';
import { caller, http, membershipOf, problem } from './mock-api';
import { addCreator, db, nextId, type MockCreator } from './mock-db';

type Schemas = components['schemas'];
type FieldError = Schemas['FieldError'];
type Measure = Schemas['Measure_f64'];
export type MockCampaign = Omit<Schemas['CampaignResponse'], 'counts'> & { workspace_id: string | null };
export type MockEntry = Schemas['CampaignCreatorResponse'];
export type MockPost = Schemas['CampaignPostResponse'];
export type MockOrder = Schemas['CampaignOrderResponse'];
export type MockCampaignShareLink = Schemas['ShareLinkResponse'] & { token: string };

const NOW = '2026-11-20T12:00:00Z';
const TODAY = '2026-11-20';

export type CampaignsDb = {
  campaigns: MockCampaign[];
  entries: Record<string, MockEntry[]>;
  posts: Record<string, MockPost[]>;
  curves: Record<string, Schemas['CurvePoint'][]>;
  orders: Record<string, MockOrder[]>;
  /** The report a test wants shown, by campaign id. */
  reports: Record<string, Schemas['CampaignReportResponse']>;
  shareLinks: MockCampaignShareLink[];
};

function emptyCampaignsDb(): CampaignsDb {
  return { campaigns: [], entries: {}, posts: {}, curves: {}, orders: {}, reports: {}, shareLinks: [] };
}

export const campaignsDb: CampaignsDb = emptyCampaignsDb();

export function resetCampaignsDb(): void {
  Object.assign(campaignsDb, emptyCampaignsDb());
}

function refuse(status: number, code: Schemas['ErrorCode'], detail: string, errors?: FieldError[]) {
  return HttpResponse.json(problem(status, code, detail, errors), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
const invalid = (errors: FieldError[]) => refuse(422, 'validation_failed', 'One or more fields are invalid.', errors);
const notFound = () => refuse(404, 'not_found', 'No such resource.');

type Need = 'viewer' | 'editor' | 'owner';
const RANK: Record<Schemas['Role'], number> = { viewer: 0, editor: 1, owner: 2 };

/** The caller's workspace, or the refusal the server would send for `need`. */
function access(request: Request, need: Need): { workspaceId: string; name: string } | Response {
  const user = caller(request);
  if (!user) return refuse(401, 'invalid_token', 'The token is invalid, expired or revoked.');
  const member = membershipOf(request, user);
  if (!member) return notFound();
  if (RANK[member.role] < RANK[need])
    return refuse(403, 'forbidden', 'Your role in this workspace does not allow this.');
  return { workspaceId: member.workspace_id, name: user.display_name };
}

function campaignIn(workspaceId: string, campaignId: string): MockCampaign | undefined {
  return campaignsDb.campaigns.find(
    (campaign) => campaign.id === campaignId && (campaign.workspace_id ?? workspaceId) === workspaceId,
  );
}

/** A campaign as the API shows it, with its counts. */
export function campaignResponse(campaign: MockCampaign): Schemas['CampaignResponse'] {
  const { workspace_id: _workspace, ...rest } = campaign;
  const entries = campaignsDb.entries[campaign.id] ?? [];
  const stages: Record<string, number> = {
    shortlisted: 0,
    contacted: 0,
    agreed: 0,
    shipped: 0,
    delivered: 0,
    posted: 0,
    declined: 0,
    no_show: 0,
  };
  for (const entry of entries) stages[entry.stage] = (stages[entry.stage] ?? 0) + 1;
  const posts = (campaignsDb.posts[campaign.id] ?? []).filter((post) => post.status !== 'dismissed').length;
  return {
    ...rest,
    counts: { creators: entries.length, posts, overdue: entries.filter((entry) => entry.overdue).length, stages },
  };
}

export function addCampaign(overrides: Partial<MockCampaign> = {}): MockCampaign {
  const campaign: MockCampaign = {
    id: nextId(),
    workspace_id: null,
    name: 'Summer tee drop',
    starts_on: '2026-11-01',
    ends_on: '2026-12-15',
    product: { name: 'Linen tee', unit_cost: 12, shipping_cost: 6, retail_value: 45, currency: 'USD' },
    fee: null,
    overdue_days: 14,
    landing_url: 'https://shop.example.com/tee',
    rules: {
      brand_handle: 'sunnyco',
      hashtags: ['sunnyco'],
      keywords: [],
      link_domains: [],
      code_patterns: ['SUNNY*'],
    },
    status: 'running',
    demo: false,
    created_at: NOW,
    updated_at: NOW,
    ...overrides,
  };
  campaignsDb.campaigns.unshift(campaign);
  campaignsDb.entries[campaign.id] = [];
  campaignsDb.posts[campaign.id] = [];
  campaignsDb.orders[campaign.id] = [];
  return campaign;
}

function utmLink(campaign: MockCampaign, handle: string): string | null {
  return campaign.landing_url ? `${campaign.landing_url}?utm_source=tiktok&utm_content=${handle}` : null;
}

export function addEntry(campaign: MockCampaign, creator: MockCreator, overrides: Partial<MockEntry> = {}): MockEntry {
  const entry: MockEntry = {
    id: nextId(),
    creator: {
      id: creator.id,
      handle: creator.handle,
      display_name: creator.display_name ?? null,
      avatar_url: creator.avatar_url ?? null,
      followers: creator.latest?.followers ?? null,
    },
    stage: 'shortlisted',
    stage_changed_at: NOW,
    stage_changed_by: 'Maya',
    history: [],
    overdue: false,
    contact: '',
    contact_from_bio: false,
    discount_code: null,
    fee: null,
    clicks: null,
    utm_link: utmLink(campaign, creator.handle),
    shipment: null,
    posts: 0,
    first_post_at: null,
    ...overrides,
  };
  (campaignsDb.entries[campaign.id] ??= []).push(entry);
  return entry;
}

export function addPost(campaign: MockCampaign, entry: MockEntry, overrides: Partial<MockPost> = {}): MockPost {
  const platformId = `7400000${nextId().slice(-12)}`;
  const post: MockPost = {
    id: nextId(),
    entry_id: entry.id,
    handle: entry.creator.handle,
    platform_id: platformId,
    share_url: `https://www.tiktok.com/@${entry.creator.handle}/video/${platformId}`,
    status: 'detected',
    evidence: { rule: 'hashtag', pattern: '#sunnyco', matched: '#SunnyCo' },
    detected_at: NOW,
    next_check_at: '2026-11-21T12:00:00Z',
    video: {
      posted_at: '2026-11-18T15:00:00Z',
      description: 'My new favourite tee #SunnyCo #fyp',
      cover_url: null,
      views: 12_400,
      likes: 900,
      comments: 40,
      shares: 12,
      fetched_at: '2026-11-20T11:00:00Z',
      source: 'demo',
    },
    ...overrides,
  };
  (campaignsDb.posts[campaign.id] ??= []).push(post);
  return post;
}

export function addOrder(campaign: MockCampaign, entry: MockEntry, overrides: Partial<MockOrder> = {}): MockOrder {
  const order: MockOrder = {
    id: nextId(),
    order_id: '#1001',
    ordered_at: '2026-11-19',
    entry_id: entry.id,
    handle: entry.creator.handle,
    code: entry.discount_code,
    utm: null,
    amount: 45,
    currency: 'USD',
    source: 'manual',
    ...overrides,
  };
  (campaignsDb.orders[campaign.id] ??= []).push(order);
  return order;
}

export function measure(
  value: number | null,
  unit: Measure['unit'],
  formula: string,
  overrides: Partial<Measure> = {},
): Measure {
  return {
    ...(value === null ? { unavailable: 'not_enough_data' as const } : { value }),
    unit,
    formula,
    formula_text: `${formula} in the server's words`,
    sample_size: value === null ? 0 : 4,
    ...overrides,
  };
}

/** The report the mock computes when a test set none: counts right, every ratio unavailable. */
export function defaultReport(campaign: MockCampaign): Schemas['CampaignReportResponse'] {
  const entries = campaignsDb.entries[campaign.id] ?? [];
  const none = (unit: Measure['unit'], formula: string) => measure(null, unit, formula);
  return {
    campaign: campaignResponse(campaign),
    currency: campaign.product.currency,
    computed_at: NOW,
    totals: {
      creators: entries.length,
      shipped: entries.filter((entry) => entry.shipment).length,
      posted: entries.filter((entry) => entry.posts > 0).length,
      posts: entries.reduce((sum, entry) => sum + entry.posts, 0),
      cost: { product: 0, shipping: 0, fees: 0, total: 0 },
      views: 0,
      engagements: 0,
      orders: 0,
      revenue: 0,
      post_rate: none('percent', 'campaign.post_rate.v1'),
      median_days_to_post: none('count', 'campaign.days_to_post.median.v1'),
      cost_per_post: none('money', 'campaign.cost_per_post.v1'),
      cost_per_thousand_views: none('money', 'campaign.cpm.v1'),
      cost_per_engagement: none('money', 'campaign.cpe.v1'),
      cost_per_order: none('money', 'campaign.cost_per_order.v1'),
      roas: none('ratio', 'campaign.roas.v1'),
      other_currencies: [],
    },
    creators: entries.map((entry) => ({
      entry_id: entry.id,
      handle: entry.creator.handle,
      stage: entry.stage,
      actual: {
        cost: 0,
        posts: entry.posts,
        views: 0,
        engagements: 0,
        orders: 0,
        revenue: 0,
        cost_per_thousand_views: none('money', 'campaign.cpm.v1'),
        roas: none('ratio', 'campaign.roas.v1'),
      },
      estimate: null,
    })),
    proposals: {
      click_through_rate: { current: 0.01, proposed: none('share', 'campaign.click_through_rate.v1') },
      conversion_rate: { current: 0.02, proposed: none('share', 'campaign.conversion_rate.v1') },
      average_order_value: { current: null, proposed: none('money', 'campaign.average_order_value.v1') },
    },
  };
}

/** The server's checks of a campaign, reduced to what the form tests need. */
function validateCampaign(body: Partial<Schemas['CampaignInput']>): FieldError[] {
  const errors: FieldError[] = [];
  if (body.name !== undefined && !body.name.trim()) errors.push({ pointer: '/name', detail: 'must not be empty' });
  if (body.starts_on && body.ends_on && body.ends_on < body.starts_on) {
    errors.push({ pointer: '/ends_on', detail: 'must be on or after the start' });
  }
  if (body.product && !/^[A-Z]{3}$/.test(body.product.currency)) {
    errors.push({ pointer: '/product/currency', detail: 'must be an ISO 4217 code such as USD' });
  }
  body.rules?.hashtags?.forEach((tag, index) => {
    if (tag.replace(/^#/, '').length < 3) {
      errors.push({ pointer: `/rules/hashtags/${index}`, detail: 'must be a hashtag of 3 to 100 characters' });
    }
  });
  body.rules?.keywords?.forEach((keyword, index) => {
    if (keyword.length < 3)
      errors.push({ pointer: `/rules/keywords/${index}`, detail: 'must be at least 3 characters' });
  });
  return errors;
}

function statusOf(startsOn: string, endsOn: string): MockCampaign['status'] {
  if (TODAY < startsOn) return 'planned';
  return TODAY > endsOn ? 'finished' : 'running';
}

function entryOf(campaignId: string, entryId: string): MockEntry | undefined {
  return campaignsDb.entries[campaignId]?.find((entry) => entry.id === entryId);
}

const shareLinkOf = ({ token: _token, ...link }: MockCampaignShareLink) => link;

/** Which entry an order row belongs to: its discount code, else its UTM value (a creator's handle). */
function matchEntry(entries: MockEntry[], code: string, utm: string): MockEntry | undefined {
  const byCode = code ? entries.find((entry) => entry.discount_code?.toLowerCase() === code.toLowerCase()) : undefined;
  return byCode ?? (utm ? entries.find((entry) => entry.creator.handle === utm.toLowerCase()) : undefined);
}

export const campaignHandlers = [
  http.get('/api/v1/campaigns', ({ request, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    const campaigns = campaignsDb.campaigns.filter(
      (campaign) => (campaign.workspace_id ?? who.workspaceId) === who.workspaceId,
    );
    return response(200).json({ items: campaigns.map(campaignResponse) });
  }),

  http.post('/api/v1/campaigns', async ({ request, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const body = await request.json();
    const errors = validateCampaign(body);
    if (errors.length > 0) return response.untyped(invalid(errors));
    if (campaignsDb.campaigns.some((campaign) => campaign.name === body.name)) {
      return response.untyped(refuse(409, 'duplicate_campaign_name', 'A campaign with this name exists.'));
    }
    const { rules } = body;
    const campaign = addCampaign({
      ...body,
      fee: body.fee ?? null,
      overdue_days: body.overdue_days ?? 14,
      landing_url: body.landing_url ?? null,
      rules: {
        brand_handle: rules?.brand_handle ?? null,
        hashtags: (rules?.hashtags ?? []).map((tag) => tag.replace(/^#/, '').toLowerCase()),
        keywords: rules?.keywords ?? [],
        link_domains: rules?.link_domains ?? [],
        code_patterns: rules?.code_patterns ?? [],
      },
      status: statusOf(body.starts_on, body.ends_on),
      workspace_id: who.workspaceId,
    });
    return response(201).json(campaignResponse(campaign));
  }),

  http.get('/api/v1/campaigns/{campaign_id}', ({ request, params, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    const campaign = campaignIn(who.workspaceId, params.campaign_id);
    return campaign ? response(200).json(campaignResponse(campaign)) : response.untyped(notFound());
  }),

  http.patch('/api/v1/campaigns/{campaign_id}', async ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const campaign = campaignIn(who.workspaceId, params.campaign_id);
    if (!campaign) return response.untyped(notFound());
    const changes = await request.json();
    const merged: MockCampaign = {
      ...campaign,
      name: changes.name ?? campaign.name,
      starts_on: changes.starts_on ?? campaign.starts_on,
      ends_on: changes.ends_on ?? campaign.ends_on,
      product: changes.product ?? campaign.product,
      fee: changes.fee === undefined ? campaign.fee : changes.fee,
      overdue_days: changes.overdue_days ?? campaign.overdue_days,
      landing_url: changes.landing_url === undefined ? campaign.landing_url : changes.landing_url,
      rules: changes.rules ?? campaign.rules,
      updated_at: NOW,
    };
    const errors = validateCampaign(merged);
    if (errors.length > 0) return response.untyped(invalid(errors));
    Object.assign(campaign, merged, { status: statusOf(merged.starts_on, merged.ends_on) });
    return response(200).json(campaignResponse(campaign));
  }),

  http.delete('/api/v1/campaigns/{campaign_id}', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    if (!campaignIn(who.workspaceId, params.campaign_id)) return response.untyped(notFound());
    campaignsDb.campaigns = campaignsDb.campaigns.filter((campaign) => campaign.id !== params.campaign_id);
    return response(204).empty();
  }),

  http.get('/api/v1/campaigns/{campaign_id}/creators', ({ request, params, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    if (!campaignIn(who.workspaceId, params.campaign_id)) return response.untyped(notFound());
    return response(200).json({ items: campaignsDb.entries[params.campaign_id] ?? [] });
  }),

  http.post('/api/v1/campaigns/{campaign_id}/creators', async ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const campaign = campaignIn(who.workspaceId, params.campaign_id);
    if (!campaign) return response.untyped(notFound());
    const body = await request.json();
    const creators: MockCreator[] = [];
    for (const id of body.creator_ids ?? []) {
      const creator = db.creators.find((candidate) => candidate.id === id);
      if (creator) creators.push(creator);
    }
    if (body.list_id) {
      const items = db.items[body.list_id];
      if (!items) return response.untyped(invalid([{ pointer: '/list_id', detail: 'no such list' }]));
      for (const item of items) {
        const creator = db.creators.find((candidate) => candidate.id === item.creator.id);
        if (creator) creators.push(creator);
      }
    }
    const handleErrors: FieldError[] = [];
    (body.handles ?? []).forEach((raw, index) => {
      const handle = raw.replace(/^@/, '').toLowerCase();
      if (!/^[a-z0-9_.]{2,24}$/.test(handle)) {
        handleErrors.push({ pointer: `/handles/${index}`, detail: 'must be a TikTok handle' });
        return;
      }
      creators.push(db.creators.find((candidate) => candidate.handle === handle) ?? addCreator(handle));
    });
    if (handleErrors.length > 0) return response.untyped(invalid(handleErrors));
    const entries = campaignsDb.entries[campaign.id] ?? [];
    const added: MockEntry[] = [];
    let alreadyIn = 0;
    for (const creator of creators) {
      if (entries.some((entry) => entry.creator.id === creator.id) || added.some((e) => e.creator.id === creator.id)) {
        alreadyIn += 1;
      } else {
        added.push(addEntry(campaign, creator, { stage_changed_by: who.name }));
      }
    }
    return response(200).json({ added: added.length, already_in: alreadyIn, items: added });
  }),

  http.patch('/api/v1/campaigns/{campaign_id}/creators/{entry_id}', async ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const entry = entryOf(params.campaign_id, params.entry_id);
    if (!entry) return response.untyped(notFound());
    const changes = await request.json();
    if (changes.discount_code && !/^[A-Za-z0-9_-]{3,40}$/.test(changes.discount_code)) {
      return response.untyped(
        invalid([{ pointer: '/discount_code', detail: 'must be 3 to 40 letters, digits, - or _' }]),
      );
    }
    const code = changes.discount_code?.toLowerCase();
    const taken = campaignsDb.entries[params.campaign_id]?.some(
      (other) => other.id !== entry.id && code && other.discount_code?.toLowerCase() === code,
    );
    if (taken)
      return response.untyped(refuse(409, 'duplicate_discount_code', 'Another creator has this discount code.'));
    Object.assign(entry, changes);
    return response(200).json(entry);
  }),

  http.put('/api/v1/campaigns/{campaign_id}/creators/{entry_id}/stage', async ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const campaign = campaignIn(who.workspaceId, params.campaign_id);
    const entry = entryOf(params.campaign_id, params.entry_id);
    if (!campaign || !entry) return response.untyped(notFound());
    const { stage } = await request.json();
    entry.history.push({ stage: entry.stage, at: entry.stage_changed_at, by: entry.stage_changed_by });
    Object.assign(entry, { stage, stage_changed_at: NOW, stage_changed_by: who.name });
    if (stage === 'shipped' && !entry.shipment) {
      entry.shipment = {
        shipped_on: TODAY,
        units: 1,
        cost: campaign.product.shipping_cost,
        carrier: null,
        tracking_url: null,
        delivered_on: null,
      };
    }
    return response(200).json(entry);
  }),

  http.put('/api/v1/campaigns/{campaign_id}/creators/{entry_id}/shipment', async ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const entry = entryOf(params.campaign_id, params.entry_id);
    if (!entry) return response.untyped(notFound());
    const shipment = await request.json();
    if (shipment.delivered_on && shipment.delivered_on < shipment.shipped_on) {
      return response.untyped(invalid([{ pointer: '/delivered_on', detail: 'must be on or after the ship date' }]));
    }
    entry.shipment = {
      shipped_on: shipment.shipped_on,
      units: shipment.units,
      cost: shipment.cost ?? null,
      carrier: shipment.carrier ?? null,
      tracking_url: shipment.tracking_url ?? null,
      delivered_on: shipment.delivered_on ?? null,
    };
    return response(200).json(entry);
  }),

  http.delete('/api/v1/campaigns/{campaign_id}/creators/{entry_id}', ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const entries = campaignsDb.entries[params.campaign_id];
    if (!entries?.some((entry) => entry.id === params.entry_id)) return response.untyped(notFound());
    campaignsDb.entries[params.campaign_id] = entries.filter((entry) => entry.id !== params.entry_id);
    return response(204).empty();
  }),

  http.get('/api/v1/campaigns/{campaign_id}/posts', ({ request, params, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    if (!campaignIn(who.workspaceId, params.campaign_id)) return response.untyped(notFound());
    return response(200).json({ items: campaignsDb.posts[params.campaign_id] ?? [] });
  }),

  http.post('/api/v1/campaigns/{campaign_id}/posts', async ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const campaign = campaignIn(who.workspaceId, params.campaign_id);
    if (!campaign) return response.untyped(notFound());
    const { video_url: videoUrl } = await request.json();
    const match = /tiktok\.com\/@([^/?#]+)\/video\/(\d+)/.exec(videoUrl);
    const entry = match && campaignsDb.entries[campaign.id]?.find((candidate) => candidate.creator.handle === match[1]);
    if (!match || !entry) {
      return response.untyped(
        invalid([{ pointer: '/video_url', detail: 'must be a TikTok video of one of the campaign’s creators' }]),
      );
    }
    const post = addPost(campaign, entry, {
      platform_id: match[2] ?? '',
      share_url: videoUrl,
      status: 'attached',
      evidence: { rule: 'manual', pattern: '', matched: '' },
      video: null,
    });
    entry.posts += 1;
    return response(201).json(post);
  }),

  http.post('/api/v1/campaigns/{campaign_id}/posts/{post_id}/dismiss', ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const post = campaignsDb.posts[params.campaign_id]?.find((candidate) => candidate.id === params.post_id);
    if (!post) return response.untyped(notFound());
    post.status = 'dismissed';
    post.next_check_at = null;
    return response(200).json(post);
  }),

  http.get('/api/v1/campaigns/{campaign_id}/posts/{post_id}/curve', ({ request, params, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    return response(200).json({ points: campaignsDb.curves[params.post_id] ?? [] });
  }),

  http.get('/api/v1/campaigns/{campaign_id}/orders', ({ request, params, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    if (!campaignIn(who.workspaceId, params.campaign_id)) return response.untyped(notFound());
    return response(200).json({ items: campaignsDb.orders[params.campaign_id] ?? [] });
  }),

  http.post('/api/v1/campaigns/{campaign_id}/orders', async ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const campaign = campaignIn(who.workspaceId, params.campaign_id);
    if (!campaign) return response.untyped(notFound());
    const body = await request.json();
    const entry = entryOf(campaign.id, body.entry_id);
    if (!entry) return response.untyped(invalid([{ pointer: '/entry_id', detail: 'is not in this campaign' }]));
    if (campaignsDb.orders[campaign.id]?.some((order) => order.order_id === body.order_id)) {
      return response.untyped(refuse(409, 'duplicate_order', 'The campaign has an order with this id.'));
    }
    const order = addOrder(campaign, entry, { ...body, code: null, source: 'manual' });
    return response(201).json(order);
  }),

  http.post('/api/v1/campaigns/{campaign_id}/orders/import', async ({ request, params, query, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const campaign = campaignIn(who.workspaceId, params.campaign_id);
    if (!campaign) return response.untyped(notFound());
    const [, ...rows] = (await request.text()).trim().split('\n');
    const entries = campaignsDb.entries[campaign.id] ?? [];
    const errors: FieldError[] = [];
    const unmatched: Schemas['UnmatchedRow'][] = [];
    const good: { entry: MockEntry; order: Partial<MockOrder> }[] = [];
    rows.forEach((row, index) => {
      const line = index + 2;
      const [date = '', orderId = '', code = '', utm = '', amount = '', currency = ''] = row.split(',');
      if (!Number.isFinite(Number(amount)) || amount === '') {
        errors.push({ line, detail: 'amount must be a number' });
        return;
      }
      const entry = matchEntry(entries, code, utm);
      if (!entry) {
        unmatched.push({ line, value: code || utm });
        return;
      }
      good.push({
        entry,
        order: {
          order_id: orderId,
          ordered_at: date,
          code: code || null,
          utm: utm || null,
          amount: Number(amount),
          currency,
        },
      });
    });
    const rejected = errors.length + unmatched.length;
    if (rejected > 0 && query.get('mode') !== 'partial') {
      // As the server does: unmatched rows reject the file too, named among the bad lines.
      const all = [
        ...errors,
        ...unmatched.map(({ line, value }) => ({
          line,
          detail: `"${value}" is neither a discount code nor a UTM value of this campaign`,
        })),
      ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      return response.untyped(
        refuse(422, 'import_rejected', `${rejected} row(s) are invalid or unmatched; nothing was imported.`, all),
      );
    }
    let duplicates = 0;
    let written = 0;
    for (const { entry, order } of good) {
      if (campaignsDb.orders[campaign.id]?.some((existing) => existing.order_id === order.order_id)) duplicates += 1;
      else {
        addOrder(campaign, entry, { ...order, source: 'import' });
        written += 1;
      }
    }
    return response(200).json({
      rows_written: written,
      duplicates,
      rows_rejected: rejected,
      errors,
      unmatched,
    });
  }),

  http.delete('/api/v1/campaigns/{campaign_id}/orders/{order_id}', ({ request, params, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    const orders = campaignsDb.orders[params.campaign_id];
    if (!orders?.some((order) => order.id === params.order_id)) return response.untyped(notFound());
    campaignsDb.orders[params.campaign_id] = orders.filter((order) => order.id !== params.order_id);
    return response(204).empty();
  }),

  http.get('/api/v1/campaigns/{campaign_id}/report', ({ request, params, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    const campaign = campaignIn(who.workspaceId, params.campaign_id);
    if (!campaign) return response.untyped(notFound());
    return response(200).json(campaignsDb.reports[campaign.id] ?? defaultReport(campaign));
  }),

  http.get('/api/v1/campaigns/{campaign_id}/report.csv', ({ request, params, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    if (!campaignIn(who.workspaceId, params.campaign_id)) return response.untyped(notFound());
    return response(200).text('handle,stage,cost,posts,views,orders,revenue\n');
  }),

  http.get('/api/v1/campaigns/{campaign_id}/share-links', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const links = campaignsDb.shareLinks.filter((link) => link.campaign_id === params.campaign_id);
    return response(200).json({ items: links.map(shareLinkOf) });
  }),

  http.post('/api/v1/campaigns/{campaign_id}/share-links', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const id = nextId();
    const token = `zzs_c${id.slice(-6)}secret`;
    const link: MockCampaignShareLink = {
      id,
      campaign_id: params.campaign_id,
      prefix: `zzs_c${id.slice(-6)}`,
      token,
      created_by: who.name,
      created_at: NOW,
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
    };
    campaignsDb.shareLinks.unshift(link);
    return response(201).json({ link: shareLinkOf(link), token, path: `/share/campaign#${token}` });
  }),

  http.delete('/api/v1/campaigns/{campaign_id}/share-links/{link_id}', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const link = campaignsDb.shareLinks.find(
      (candidate) => candidate.id === params.link_id && candidate.campaign_id === params.campaign_id,
    );
    if (!link) return response.untyped(notFound());
    link.revoked_at = NOW;
    return response(200).json(shareLinkOf(link));
  }),

  http.get('/api/v1/shared/campaign', ({ request, response }) => {
    const token = request.headers.get('Authorization')?.replace(/^Bearer /, '');
    const link = campaignsDb.shareLinks.find((candidate) => candidate.token === token && !candidate.revoked_at);
    const campaign = link && campaignsDb.campaigns.find((candidate) => candidate.id === link.campaign_id);
    if (!campaign) return response.untyped(refuse(401, 'invalid_token', 'This share link is not valid.'));
    const report = campaignsDb.reports[campaign.id] ?? defaultReport(campaign);
    const noRules = { brand_handle: null, hashtags: [], keywords: [], link_domains: [], code_patterns: [] };
    return response(200).json({ ...report, campaign: { ...report.campaign, rules: noRules } });
  }),
];
