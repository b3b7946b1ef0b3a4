// MSW handlers for the API, typed from the generated schema (openapi-msw): a handler that
// answers with a body the OpenAPI document does not allow fails to compile. They serve the
// in-memory `db`, keeping the behaviour route tests rely on (auth, versions, conflicts).
import { HttpResponse } from 'msw';
import { createOpenApiHttp } from 'openapi-msw';
import type { components, paths } from '@/lib/api/schema';
import {
  addCreator,
  addPersonalWorkspace,
  db,
  isTracked,
  nextId,
  sessionFor,
  summaryOf,
  workspacesOf,
  type MockItem,
  type MockMember,
  type MockUser,
} from './mock-db';

export const http = createOpenApiHttp<paths>();

type Problem = components['schemas']['Problem'];
type ErrorCode = components['schemas']['ErrorCode'];
type FieldError = components['schemas']['FieldError'];

export function problem(status: number, code: ErrorCode, detail: string, errors?: FieldError[]): Problem {
  return { type: `urn:zzyzx:problem:${code}`, title: code, status, code, detail, ...(errors ? { errors } : {}) };
}

const PROBLEM_HEADERS = { headers: { 'Content-Type': 'application/problem+json' } };
// Shared by handlers whose typed `response` helper differs; handed back through `response.untyped`.
const unauthorized = () =>
  HttpResponse.json(problem(401, 'invalid_token', 'The token is invalid, expired or revoked.'), {
    status: 401,
    ...PROBLEM_HEADERS,
  });
const notFound = () => HttpResponse.json(problem(404, 'not_found', 'Not found.'), { status: 404, ...PROBLEM_HEADERS });

/** The logged-in user the request's Bearer token belongs to. */
export function caller(request: Request): MockUser | undefined {
  const token = request.headers.get('Authorization')?.replace(/^Bearer /, '');
  return db.users.find((user) => db.sessionUserId === user.id && token === `token-for-${user.id}`);
}

/** The caller's membership in the workspace a request acts in: `X-Workspace-Id`, else their first. */
export function membershipOf(request: Request, user: MockUser): MockMember | undefined {
  const requested = request.headers.get('X-Workspace-Id');
  const memberships = db.members.filter((member) => member.user_id === user.id);
  return requested ? memberships.find((member) => member.workspace_id === requested) : memberships[0];
}

/** The server's handle parsing, reduced to what tests need: `name`, `@name` or a profile URL. */
function parseHandle(input: string): string | null {
  const fromUrl = /tiktok\.com\/@([^/?#]+)/.exec(input)?.[1];
  const handle = (fromUrl ?? input.replace(/^@/, '')).toLowerCase();
  return /^[a-z0-9_.]{2,24}$/.test(handle) && !handle.endsWith('.') ? handle : null;
}

function bumpVersion(listId: string): number {
  const list = db.lists.find((candidate) => candidate.id === listId);
  if (!list) return 0;
  list.version += 1;
  list.item_count = db.items[listId]?.length ?? 0;
  return list.version;
}

export const handlers = [
  http.post('/api/v1/auth/refresh', ({ response }) => {
    const user = db.users.find((candidate) => candidate.id === db.sessionUserId);
    if (!user) return response(401).json(problem(401, 'invalid_token', 'No valid refresh token.'), PROBLEM_HEADERS);
    return response(200).json(sessionFor(user));
  }),

  http.post('/api/v1/auth/login', async ({ request, response }) => {
    const { email, password } = await request.json();
    const user = db.users.find((candidate) => candidate.email === email && candidate.password === password);
    if (!user) {
      return response(401).json(
        problem(401, 'invalid_credentials', 'The e-mail or password is wrong.'),
        PROBLEM_HEADERS,
      );
    }
    db.sessionUserId = user.id;
    return response(200).json(sessionFor(user));
  }),

  http.post('/api/v1/auth/register', async ({ request, response }) => {
    const body = await request.json();
    const errors: FieldError[] = [];
    if (!body.display_name) errors.push({ pointer: '/display_name', detail: 'must be at least 1 characters' });
    if (body.password.length < 15) errors.push({ pointer: '/password', detail: 'must be at least 15 characters' });
    if (errors.length > 0) {
      return response(422).json(
        problem(422, 'validation_failed', 'One or more fields are invalid.', errors),
        PROBLEM_HEADERS,
      );
    }
    if (db.users.some((user) => user.email === body.email)) {
      return response(409).json(
        problem(409, 'email_taken', 'An account with this e-mail address exists.'),
        PROBLEM_HEADERS,
      );
    }
    const user: MockUser = {
      id: nextId(),
      email: body.email,
      display_name: body.display_name,
      created_at: '2026-11-20T12:00:00Z',
      password: body.password,
    };
    db.users.push(user);
    addPersonalWorkspace(user);
    db.sessionUserId = user.id;
    return response(201).json(sessionFor(user));
  }),

  http.post('/api/v1/auth/logout', ({ request, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    db.sessionUserId = null;
    return response(204).empty();
  }),

  http.get('/api/v1/auth/me', ({ request, response }) => {
    const user = caller(request);
    if (!user) return response.untyped(unauthorized());
    const membership = membershipOf(request, user);
    if (!membership) return response.untyped(notFound());
    const { password: _password, ...publicUser } = user;
    return response(200).json({
      user: publicUser,
      workspaces: workspacesOf(user.id),
      current_workspace_id: membership.workspace_id,
      role: membership.role,
    });
  }),

  http.get('/api/v1/lists', ({ request, response }) => {
    const user = caller(request);
    if (!user) return response.untyped(unauthorized());
    const workspaceId = membershipOf(request, user)?.workspace_id;
    if (!workspaceId) return response.untyped(notFound());
    const lists = db.lists.filter((list) => (db.listWorkspace[list.id] ?? workspaceId) === workspaceId);
    return response(200).json({ items: lists, next_cursor: null });
  }),

  http.post('/api/v1/lists', async ({ request, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const body = await request.json();
    if (!body.name.trim()) {
      return response(422).json(
        problem(422, 'validation_failed', 'One or more fields are invalid.', [
          { pointer: '/name', detail: 'must be at least 1 characters' },
        ]),
        PROBLEM_HEADERS,
      );
    }
    if (db.lists.some((list) => list.name === body.name)) {
      return response(409).json(problem(409, 'duplicate_list_name', 'A list with this name exists.'), PROBLEM_HEADERS);
    }
    const list = {
      id: nextId(),
      name: body.name,
      description: body.description ?? '',
      version: 1,
      item_count: 0,
      created_at: '2026-11-20T12:00:00Z',
      updated_at: '2026-11-20T12:00:00Z',
    };
    db.lists.push(list);
    db.items[list.id] = [];
    return response(201).json(list);
  }),

  http.get('/api/v1/lists/{list_id}', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const list = db.lists.find((candidate) => candidate.id === params.list_id);
    return list ? response(200).json(list) : response.untyped(notFound());
  }),

  http.patch('/api/v1/lists/{list_id}', async ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const list = db.lists.find((candidate) => candidate.id === params.list_id);
    if (!list) return response.untyped(notFound());
    const changes = await request.json();
    if (changes.name && db.lists.some((other) => other.id !== list.id && other.name === changes.name)) {
      return response(409).json(problem(409, 'duplicate_list_name', 'A list with this name exists.'), PROBLEM_HEADERS);
    }
    if (changes.name != null) list.name = changes.name;
    if (changes.description != null) list.description = changes.description;
    return response(200).json(list);
  }),

  http.delete('/api/v1/lists/{list_id}', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const before = db.lists.length;
    db.lists = db.lists.filter((list) => list.id !== params.list_id);
    return db.lists.length < before ? response(204).empty() : response.untyped(notFound());
  }),

  http.get('/api/v1/lists/{list_id}/items', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const list = db.lists.find((candidate) => candidate.id === params.list_id);
    if (!list) return response.untyped(notFound());
    return response(200).json({ version: list.version, items: db.items[list.id] ?? [], next_cursor: null });
  }),

  http.post('/api/v1/lists/{list_id}/items', async ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const items = db.items[params.list_id];
    if (!items) return response.untyped(notFound());
    const body = await request.json();
    const handle = parseHandle(body.handle.trim());
    if (!handle) {
      return response(422).json(
        problem(422, 'validation_failed', 'One or more fields are invalid.', [
          { pointer: '/handle', detail: 'must be a TikTok handle' },
        ]),
        PROBLEM_HEADERS,
      );
    }
    if (items.some((item) => item.creator.handle === handle)) {
      return response(409).json(
        problem(409, 'creator_already_in_list', `@${handle} is already in this list.`),
        PROBLEM_HEADERS,
      );
    }
    // One creator per handle, shared by every list, as on the server.
    const creator = db.creators.find((candidate) => candidate.handle === handle) ?? addCreator(handle);
    const item: MockItem = {
      id: nextId(),
      position: items.length,
      note: body.note ?? '',
      tags: body.tags ?? [],
      added_at: '2026-11-20T12:00:00Z',
      updated_at: '2026-11-20T12:00:00Z',
      creator: summaryOf(creator),
      latest: creator.latest ?? null,
    };
    items.push(item);
    bumpVersion(params.list_id);
    return response(201).json(item);
  }),

  http.patch('/api/v1/lists/{list_id}/items/{item_id}', async ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const item = db.items[params.list_id]?.find((candidate) => candidate.id === params.item_id);
    if (!item) return response.untyped(notFound());
    const changes = await request.json();
    if (changes.note != null) item.note = changes.note;
    if (changes.tags != null) item.tags = changes.tags;
    return response(200).json(item);
  }),

  http.delete('/api/v1/lists/{list_id}/items/{item_id}', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const items = db.items[params.list_id];
    if (!items?.some((item) => item.id === params.item_id)) return response.untyped(notFound());
    db.items[params.list_id] = items
      .filter((item) => item.id !== params.item_id)
      .map((item, position) => ({ ...item, position }));
    return response(200).json({ version: bumpVersion(params.list_id) });
  }),

  http.post('/api/v1/lists/{list_id}/items/{item_id}/move', async ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const list = db.lists.find((candidate) => candidate.id === params.list_id);
    const items = db.items[params.list_id];
    const moving = items?.find((item) => item.id === params.item_id);
    if (!list || !items || !moving) return response.untyped(notFound());
    const { version, position } = await request.json();
    if (version !== list.version) {
      return response(409).json(
        problem(409, 'stale_version', 'The list changed since you loaded it; reload and try again.'),
        PROBLEM_HEADERS,
      );
    }
    const rest = items.filter((item) => item.id !== moving.id);
    rest.splice(Math.min(position, rest.length), 0, moving);
    db.items[list.id] = rest.map((item, index) => ({ ...item, position: index }));
    return response(200).json({ version: bumpVersion(list.id) });
  }),

  // Before `/creators/{creator_id}`, which would take `search` for an id.
  http.get('/api/v1/creators/search', ({ request, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const typed = (query.get('q') ?? '').replace(/^@/, '').toLowerCase();
    const limit = Number(query.get('limit') ?? 10);
    const startsWith = (text: string | null | undefined) => Boolean(text?.toLowerCase().startsWith(typed));
    const known = db.creators
      .filter((creator) => startsWith(creator.handle) || startsWith(creator.display_name))
      .map((creator) => ({
        creator_id: creator.id,
        handle: creator.handle,
        display_name: creator.display_name,
        avatar_url: creator.avatar_url,
        verified: creator.verified,
        followers: creator.latest?.followers ?? null,
        tracked: isTracked(creator.handle),
        from_source: false,
      }));
    const fromSource = db.source.capabilities.user_search
      ? db.sourceUsers
          .filter((user) => startsWith(user.handle) || startsWith(user.display_name))
          .filter((user) => !known.some((creator) => creator.handle === user.handle))
          .map((user) => ({
            ...user,
            creator_id: null,
            avatar_url: null,
            verified: false,
            tracked: false,
            from_source: true,
          }))
      : [];
    return response(200).json({ items: [...known, ...fromSource].slice(0, limit) });
  }),

  http.get('/api/v1/creators/{creator_id}', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const creator = db.creators.find((candidate) => candidate.id === params.creator_id);
    return creator ? response(200).json(creator) : response.untyped(notFound());
  }),

  http.get('/api/v1/creators/{creator_id}/metrics', ({ request, params, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    if (!db.creators.some((creator) => creator.id === params.creator_id)) return response.untyped(notFound());
    const from = query.get('from') ?? '1970-01-01T00:00:00Z';
    const to = '2026-11-20T12:00:00Z';
    const points = (db.history[params.creator_id] ?? []).filter((point) => point.captured_at >= from);
    return response(200).json({ creator_id: params.creator_id, from, to, interval: 'day', points });
  }),

  http.get('/api/v1/creators/{creator_id}/metrics.csv', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const rows = (db.history[params.creator_id] ?? []).map((point) =>
      [point.captured_at, point.followers, point.following, point.likes, point.videos, point.source].join(','),
    );
    return response(200).text(['captured_at,followers,following,likes,videos,source', ...rows].join('\n') + '\n');
  }),

  http.post('/api/v1/creators/{creator_id}/metrics', async ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const creator = db.creators.find((candidate) => candidate.id === params.creator_id);
    if (!creator) return response.untyped(notFound());
    const point = await request.json();
    if (Date.parse(point.captured_at) > Date.parse('2026-11-21T00:00:00Z')) {
      return response(422).json(
        problem(422, 'validation_failed', 'One or more fields are invalid.', [
          { pointer: '/captured_at', detail: 'must not be in the future' },
        ]),
        PROBLEM_HEADERS,
      );
    }
    const history = db.history[creator.id] ?? [];
    history.push({ ...point, source: 'manual', change: null });
    db.history[creator.id] = history;
    return response(200).json({ written: 1 });
  }),

  http.post('/api/v1/imports/metrics', async ({ request, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    // Enough of the importer for the dialog: a row is bad when its date does not parse.
    const [, ...rows] = (await request.text()).trim().split('\n');
    const errors: FieldError[] = [];
    rows.forEach((row, index) => {
      if (Number.isNaN(Date.parse(row.split(',')[1] ?? ''))) {
        errors.push({ line: index + 2, detail: 'captured_at must be an RFC 3339 time or a YYYY-MM-DD date' });
      }
    });
    if (errors.length > 0 && query.get('mode') !== 'partial') {
      return response(422).json(
        problem(422, 'import_rejected', `${errors.length} row(s) are invalid; nothing was imported.`, errors),
        PROBLEM_HEADERS,
      );
    }
    return response(200).json({
      rows_written: rows.length - errors.length,
      creators_created: 0,
      rows_rejected: errors.length,
      errors,
    });
  }),

  http.post('/api/v1/creators/{creator_id}/refresh', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    if (!db.creators.some((creator) => creator.id === params.creator_id)) return response.untyped(notFound());
    if (!db.source.capabilities.profile) {
      return response(409).json(problem(409, 'source_unavailable', 'No data source is configured.'), PROBLEM_HEADERS);
    }
    const job = {
      id: nextId(),
      kind: 'refresh',
      status: 'queued',
      progress: 0,
      message: null,
      creator_id: params.creator_id,
      created_at: '2026-11-20T12:00:00Z',
      updated_at: '2026-11-20T12:00:00Z',
      finished_at: null,
    };
    db.jobs.push(job);
    return response(202).json(job);
  }),

  // Each look at a job moves it one step on: queued → running → succeeded.
  http.get('/api/v1/jobs/{job_id}', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const job = db.jobs.find((candidate) => candidate.id === params.job_id);
    if (!job) return response.untyped(notFound());
    if (job.status === 'queued')
      Object.assign(job, { status: 'running', progress: 40, message: 'Fetching the profile' });
    else if (job.status === 'running') {
      Object.assign(job, { status: 'succeeded', progress: 100, message: null, finished_at: '2026-11-20T12:00:02Z' });
      const creator = db.creators.find((candidate) => candidate.id === job.creator_id);
      if (creator) creator.tracking = { ...creator.tracking, last_fetched_at: '2026-11-20T12:00:02Z' };
    }
    return response(200).json(job);
  }),

  http.get('/api/v1/creators/{creator_id}/top-video', ({ request, params, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const videos = db.videos[params.creator_id] ?? [];
    const top = [...videos].sort((a, b) => b.views - a.views)[0] ?? null;
    return response(200).json({ days: 90, video: top });
  }),

  http.get('/api/v1/creators/{creator_id}/videos', ({ request, params, query, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    const limit = Number(query.get('limit') ?? 30);
    const offset = Number(query.get('cursor') ?? 0);
    const videos = [...(db.videos[params.creator_id] ?? [])].sort((a, b) =>
      query.get('sort') === 'views' ? b.views - a.views : b.posted_at.localeCompare(a.posted_at),
    );
    const next = offset + limit;
    return response(200).json({
      items: videos.slice(offset, next),
      next_cursor: next < videos.length ? String(next) : null,
    });
  }),

  http.get('/api/v1/sources/status', ({ request, response }) => {
    if (!caller(request)) return response.untyped(unauthorized());
    return response(200).json(db.source);
  }),
];
