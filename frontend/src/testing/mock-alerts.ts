// MSW handlers for alerts and webhooks: the inbox with each member's read marks, the alert rules,
// each member's digest, webhook endpoints with one-time secrets and their delivery logs. Typed from
// the schema like the rest, serving an in-memory database with the server's rules that the pages
// rely on: roles, validation pointers (a private webhook address refused at `/url`), cursors.
import { HttpResponse } from 'msw';
import type { components } from '@/lib/api/schema';
import { caller, http, membershipOf, problem } from './mock-api';
import { nextId, type MockUser } from './mock-db';

type Schemas = components['schemas'];
type FieldError = Schemas['FieldError'];
type EventType = Schemas['EventType'];

/** An event; `workspace_id` null shows in every workspace. */
export type MockEvent = Omit<Schemas['EventView'], 'read' | 'workspace_id'> & {
  workspace_id: string | null;
  /** The members who have read it. */
  readBy: string[];
};
export type MockWebhook = Schemas['WebhookResponse'] & { workspace_id: string; secret: string };
export type MockDelivery = Schemas['DeliveryResponse'] & { webhook_id: string };

const NOW = '2026-11-20T12:00:00Z';

const ALL_TYPES: EventType[] = [
  'video.viral',
  'creator.rising',
  'creator.milestone',
  'creator.spike',
  'creator.dormant',
  'creator.unavailable',
  'campaign.post_detected',
  'campaign.overdue',
  'source.paused',
  'webhook.disabled',
];

export function defaultAlertRules(): Schemas['AlertRules'] {
  return {
    events: [...ALL_TYPES],
    list_ids: null,
    campaign_ids: null,
    viral_multiple: null,
    viral_min_views: 10_000,
    milestones: [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000],
    dormant_days: 30,
  };
}

export type AlertsDb = {
  events: MockEvent[];
  /** Rules by workspace id; the defaults until saved. */
  rules: Record<string, Schemas['AlertRules']>;
  /** Digest frequency by `workspace id/user id`. */
  digests: Record<string, Schemas['DigestFrequency']>;
  /** Whether the server has SMTP (`ZZYZX_SMTP_URL`). */
  emailConfigured: boolean;
  webhooks: MockWebhook[];
  deliveries: MockDelivery[];
};

function emptyAlertsDb(): AlertsDb {
  return { events: [], rules: {}, digests: {}, emailConfigured: true, webhooks: [], deliveries: [] };
}

export const alertsDb: AlertsDb = emptyAlertsDb();

export function resetAlertsDb(): void {
  Object.assign(alertsDb, emptyAlertsDb());
}

/** An event, newest by default: later ones are added newer unless `occurred_at` says otherwise. */
export function addEvent(overrides: Partial<MockEvent> = {}): MockEvent {
  const event: MockEvent = {
    id: nextId(),
    type: 'video.viral',
    workspace_id: null,
    subject: { creator_id: null, handle: null, video_id: null, campaign_id: null, campaign_name: null },
    occurred_at: NOW,
    recorded_at: NOW,
    sentence: 'A video went viral.',
    numbers: {},
    source: 'demo',
    demo: false,
    readBy: [],
    ...overrides,
  };
  alertsDb.events.push(event);
  return event;
}

export function addWebhook(workspaceId: string, overrides: Partial<MockWebhook> = {}): MockWebhook {
  const webhook: MockWebhook = {
    id: nextId(),
    workspace_id: workspaceId,
    url: 'https://hooks.example.com/zzyzx',
    description: '',
    event_types: ['video.viral'],
    enabled: true,
    failing_since: null,
    disabled_reason: null,
    created_at: NOW,
    updated_at: NOW,
    secret: 'whsec_c2VjcmV0IGZvciB0ZXN0cw==',
    ...overrides,
  };
  alertsDb.webhooks.push(webhook);
  return webhook;
}

export function addDelivery(webhook: MockWebhook, overrides: Partial<MockDelivery> = {}): MockDelivery {
  const delivery: MockDelivery = {
    id: nextId(),
    webhook_id: webhook.id,
    event_id: nextId(),
    event_type: 'video.viral',
    status: 'delivered',
    attempts: 1,
    next_attempt_at: null,
    last_attempt_at: NOW,
    response_status: 200,
    last_error: null,
    delivered_at: NOW,
    created_at: NOW,
    ...overrides,
  };
  alertsDb.deliveries.unshift(delivery);
  return delivery;
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

/** Who calls and where, or the refusal the server would send for `need`. */
function access(request: Request, need: Need): { user: MockUser; workspaceId: string } | Response {
  const user = caller(request);
  if (!user) return refuse(401, 'invalid_token', 'The token is invalid, expired or revoked.');
  const member = membershipOf(request, user);
  if (!member) return notFound();
  if (RANK[member.role] < RANK[need]) {
    return refuse(403, 'forbidden', 'Your role in this workspace does not allow this.');
  }
  return { user, workspaceId: member.workspace_id };
}

/** The workspace's events, newest first (the later added first among equal times). */
function eventsIn(workspaceId: string): MockEvent[] {
  return alertsDb.events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => (event.workspace_id ?? workspaceId) === workspaceId)
    .sort((a, b) => b.event.occurred_at.localeCompare(a.event.occurred_at) || b.index - a.index)
    .map(({ event }) => event);
}

function eventView(event: MockEvent, workspaceId: string, userId: string): Schemas['EventView'] {
  const { readBy, workspace_id: workspace, ...rest } = event;
  return { ...rest, workspace_id: workspace ?? workspaceId, read: readBy.includes(userId) };
}

/** A page of `items` from the offset the cursor carries. */
function page<T>(
  items: T[],
  limitText: string | null,
  cursor: string | null,
): { items: T[]; next_cursor: string | null } {
  const limit = limitText ? Number(limitText) : 50;
  const start = cursor ? Number(cursor) : 0;
  const end = start + limit;
  return { items: items.slice(start, end), next_cursor: end < items.length ? String(end) : null };
}

function validateRules(rules: Schemas['AlertRules']): FieldError[] {
  const errors: FieldError[] = [];
  if (new Set(rules.events).size !== rules.events.length) {
    errors.push({ pointer: '/events', detail: 'names an event type twice' });
  }
  if (rules.viral_multiple !== null && (rules.viral_multiple <= 1 || rules.viral_multiple > 1000)) {
    errors.push({ pointer: '/viral_multiple', detail: 'must be above 1 and at most 1000' });
  }
  if (rules.viral_min_views < 0)
    errors.push({ pointer: '/viral_min_views', detail: 'must be between 0 and 1000000000000' });
  if (rules.milestones.length > 30 || new Set(rules.milestones).size !== rules.milestones.length) {
    errors.push({ pointer: '/milestones', detail: 'must hold at most 30 follower counts, each once' });
  }
  if (rules.dormant_days < 7 || rules.dormant_days > 365) {
    errors.push({ pointer: '/dormant_days', detail: 'must be between 7 and 365' });
  }
  return errors;
}

/** The server's URL policy, reduced to what tests need: https, and no loopback or private address. */
function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the URL is not a URL (relative URL without a base)';
  }
  if (parsed.protocol !== 'https:') return 'the URL must use https';
  const host = parsed.hostname;
  if (/^(127\.|10\.|192\.168\.)/.test(host) || host === 'localhost') {
    const ip = host === 'localhost' ? '127.0.0.1' : host;
    return `the URL points at ${ip}, a loopback, private or reserved address`;
  }
  return null;
}

function validateWebhook(body: { url?: string | null; event_types?: EventType[] | null }): FieldError[] {
  const errors: FieldError[] = [];
  const problem = body.url != null ? urlProblem(body.url) : null;
  if (problem) errors.push({ pointer: '/url', detail: problem });
  if (body.event_types != null && (body.event_types.length < 1 || body.event_types.length > 10)) {
    errors.push({ pointer: '/event_types', detail: 'name between 1 and 10 event types' });
  }
  return errors;
}

const webhookOf = ({ workspace_id: _workspace, secret: _secret, ...webhook }: MockWebhook) => webhook;
const deliveryOf = ({ webhook_id: _webhook, ...delivery }: MockDelivery) => delivery;
const newSecret = (id: string) => `whsec_${btoa(`secret of ${id}`)}`;

function webhookIn(workspaceId: string, webhookId: string): MockWebhook | undefined {
  return alertsDb.webhooks.find((webhook) => webhook.id === webhookId && webhook.workspace_id === workspaceId);
}

export const alertHandlers = [
  http.get('/api/v1/events', ({ request, query, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    const type = query.get('type');
    const creatorId = query.get('creator_id');
    const unreadOnly = query.get('unread') === 'true';
    const events = eventsIn(who.workspaceId)
      .filter((event) => !type || event.type === type)
      .filter((event) => !creatorId || event.subject.creator_id === creatorId)
      .filter((event) => !unreadOnly || !event.readBy.includes(who.user.id))
      .map((event) => eventView(event, who.workspaceId, who.user.id));
    return response(200).json(page(events, query.get('limit'), query.get('cursor')));
  }),

  http.get('/api/v1/inbox/unread-count', ({ request, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    const unread = eventsIn(who.workspaceId).filter((event) => !event.readBy.includes(who.user.id)).length;
    return response(200).json({ unread });
  }),

  http.post('/api/v1/events/{event_id}/read', ({ request, params, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    const event = eventsIn(who.workspaceId).find((candidate) => candidate.id === params.event_id);
    if (!event) return response.untyped(notFound());
    if (!event.readBy.includes(who.user.id)) event.readBy.push(who.user.id);
    return response(204).empty();
  }),

  http.post('/api/v1/inbox/read-all', ({ request, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    for (const event of eventsIn(who.workspaceId)) {
      if (!event.readBy.includes(who.user.id)) event.readBy.push(who.user.id);
    }
    return response(204).empty();
  }),

  http.get('/api/v1/workspace/alert-rules', ({ request, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    return response(200).json(alertsDb.rules[who.workspaceId] ?? defaultAlertRules());
  }),

  http.put('/api/v1/workspace/alert-rules', async ({ request, response }) => {
    const who = access(request, 'editor');
    if (who instanceof Response) return response.untyped(who);
    // Like the server: a field left out takes its default.
    const rules: Schemas['AlertRules'] = { ...defaultAlertRules(), ...(await request.json()) };
    const errors = validateRules(rules);
    if (errors.length > 0) return response.untyped(invalid(errors));
    alertsDb.rules[who.workspaceId] = rules;
    return response(200).json(rules);
  }),

  http.get('/api/v1/workspace/digest', ({ request, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    const frequency = alertsDb.digests[`${who.workspaceId}/${who.user.id}`] ?? 'off';
    return response(200).json({ frequency, email_configured: alertsDb.emailConfigured });
  }),

  http.put('/api/v1/workspace/digest', async ({ request, response }) => {
    const who = access(request, 'viewer');
    if (who instanceof Response) return response.untyped(who);
    const { frequency } = await request.json();
    alertsDb.digests[`${who.workspaceId}/${who.user.id}`] = frequency;
    return response(200).json({ frequency, email_configured: alertsDb.emailConfigured });
  }),

  http.get('/api/v1/webhooks', ({ request, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const webhooks = alertsDb.webhooks.filter((webhook) => webhook.workspace_id === who.workspaceId);
    return response(200).json({ items: webhooks.map(webhookOf) });
  }),

  http.post('/api/v1/webhooks', async ({ request, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const body = await request.json();
    const errors = validateWebhook(body);
    if (errors.length > 0) return response.untyped(invalid(errors));
    const id = nextId();
    const webhook = addWebhook(who.workspaceId, {
      id,
      url: body.url.trim(),
      description: body.description ?? '',
      event_types: body.event_types,
      secret: newSecret(id),
    });
    return response(201).json({ webhook: webhookOf(webhook), secret: webhook.secret });
  }),

  http.get('/api/v1/webhooks/{webhook_id}', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const webhook = webhookIn(who.workspaceId, params.webhook_id);
    return webhook ? response(200).json(webhookOf(webhook)) : response.untyped(notFound());
  }),

  http.patch('/api/v1/webhooks/{webhook_id}', async ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const webhook = webhookIn(who.workspaceId, params.webhook_id);
    if (!webhook) return response.untyped(notFound());
    const changes = await request.json();
    const errors = validateWebhook(changes);
    if (errors.length > 0) return response.untyped(invalid(errors));
    if (changes.url != null) webhook.url = changes.url.trim();
    if (changes.description != null) webhook.description = changes.description;
    if (changes.event_types != null) webhook.event_types = changes.event_types;
    if (changes.enabled != null) {
      webhook.enabled = changes.enabled;
      // Turning it on again forgets why it was turned off, and gives it a fresh start.
      if (changes.enabled) {
        webhook.disabled_reason = null;
        webhook.failing_since = null;
      }
    }
    let secret: string | null = null;
    if (changes.rotate_secret) {
      webhook.secret = newSecret(`${webhook.id} again`);
      secret = webhook.secret;
    }
    webhook.updated_at = NOW;
    return response(200).json({ webhook: webhookOf(webhook), secret });
  }),

  http.delete('/api/v1/webhooks/{webhook_id}', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const webhook = webhookIn(who.workspaceId, params.webhook_id);
    if (!webhook) return response.untyped(notFound());
    alertsDb.webhooks = alertsDb.webhooks.filter((candidate) => candidate !== webhook);
    alertsDb.deliveries = alertsDb.deliveries.filter((delivery) => delivery.webhook_id !== webhook.id);
    return response(204).empty();
  }),

  http.get('/api/v1/webhooks/{webhook_id}/deliveries', ({ request, params, query, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    if (!webhookIn(who.workspaceId, params.webhook_id)) return response.untyped(notFound());
    const deliveries = alertsDb.deliveries.filter((delivery) => delivery.webhook_id === params.webhook_id);
    return response(200).json(page(deliveries.map(deliveryOf), query.get('limit'), query.get('cursor')));
  }),

  http.post('/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const delivery = alertsDb.deliveries.find(
      (candidate) =>
        candidate.id === params.delivery_id &&
        candidate.webhook_id === params.webhook_id &&
        webhookIn(who.workspaceId, params.webhook_id),
    );
    if (!delivery) return response.untyped(notFound());
    delivery.status = 'pending';
    delivery.next_attempt_at = NOW;
    return response(202).json(deliveryOf(delivery));
  }),
];
