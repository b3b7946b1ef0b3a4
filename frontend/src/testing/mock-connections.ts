// MSW handlers for creator-connected accounts: the brand's connect link and the connection's state,
// and the creator's public page (preview, authorize, disconnect, and sharing the business audience),
// with the server's rules: a new link retires the old one and keeps the state; ending a connection
// keeps its history and ends its business access; business access needs a connected account.
import { HttpResponse } from 'msw';
import type { components } from '@/lib/api/schema';
import { caller, http, membershipOf, problem } from './mock-api';
import { db, nextId } from './mock-db';

type Connection = components['schemas']['ConnectionResponse'];
type BusinessAccess = components['schemas']['BusinessAccessResponse'];
type MockConnection = Connection & { token: string; workspace_id: string };

const NOW = '2026-11-20T12:00:00Z';
const SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list'];
const BUSINESS_SCOPES = ['user.info.basic', 'user.insights', 'user.account.type'];

let connections: MockConnection[] = [];
/**
 * Set `disabledReason` to play a server without ZZYZX_ENCRYPTION_KEY, `businessDisabledReason` one
 * without an API for Business app.
 */
export const connectSetup = { disabledReason: null as string | null, businessDisabledReason: null as string | null };

export function resetConnectionsDb(): void {
  connections = [];
  connectSetup.disabledReason = null;
  connectSetup.businessDisabledReason = null;
}

/** Business access that was never asked for. */
export function noBusinessAccess(overrides: Partial<BusinessAccess> = {}): BusinessAccess {
  return {
    status: 'not_connected',
    scopes: [],
    connected_at: null,
    last_read_at: null,
    last_error: null,
    disabled_reason: null,
    ...overrides,
  };
}

/** A connection of the creator in the workspace, as if the creator had gone that far. */
export function addConnection(
  workspaceId: string,
  creatorId: string,
  overrides: Partial<MockConnection> = {},
): MockConnection {
  const creator = db.creators.find((candidate) => candidate.id === creatorId);
  const connection: MockConnection = {
    id: nextId(),
    creator_id: creatorId,
    workspace_id: workspaceId,
    handle: creator?.handle ?? 'unknown',
    status: 'pending',
    link_prefix: 'zzc_abc123',
    scopes: [],
    created_by: 'Olga',
    created_at: NOW,
    updated_at: NOW,
    connected_at: null,
    last_synced_at: null,
    next_sync_at: null,
    last_error: null,
    business: noBusinessAccess(),
    token: `zzc_${nextId()}`,
    ...overrides,
  };
  connections.push(connection);
  return connection;
}

export function connectionOf(creatorId: string): MockConnection | undefined {
  return connections.find((candidate) => candidate.creator_id === creatorId);
}

function refuse(status: number, code: components['schemas']['ErrorCode'], detail: string) {
  return HttpResponse.json(problem(status, code, detail), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

const notFound = () => refuse(404, 'not_found', 'No such resource.');

/** Business access as the server shows it: with why it is off here, if it is. */
function businessShown(business: BusinessAccess): BusinessAccess {
  return { ...business, disabled_reason: connectSetup.disabledReason ?? connectSetup.businessDisabledReason };
}

function shown({ token: _token, workspace_id: _workspace, ...connection }: MockConnection): Connection {
  return { ...connection, business: businessShown(connection.business) };
}

function endBusiness(connection: MockConnection, reason: string): void {
  if (connection.business.status === 'not_connected') return;
  connection.business = { ...connection.business, status: 'disconnected', last_error: reason };
}

function workspaceOf(request: Request): string | Response {
  const user = caller(request);
  if (!user) return refuse(401, 'invalid_token', 'The token is invalid, expired or revoked.');
  const member = membershipOf(request, user);
  return member ? member.workspace_id : notFound();
}

export const connectionHandlers = [
  http.get('/api/v1/creators/{creator_id}/connection', ({ request, params, response }) => {
    const workspace = workspaceOf(request);
    if (workspace instanceof Response) return response.untyped(workspace);
    const connection = connections.find((c) => c.creator_id === params.creator_id && c.workspace_id === workspace);
    return connection ? response(200).json(shown(connection)) : response.untyped(notFound());
  }),

  http.post('/api/v1/creators/{creator_id}/connection', ({ request, params, response }) => {
    const workspace = workspaceOf(request);
    if (workspace instanceof Response) return response.untyped(workspace);
    if (!db.creators.some((creator) => creator.id === params.creator_id)) return response.untyped(notFound());
    if (connectSetup.disabledReason) {
      return response.untyped(refuse(409, 'source_unavailable', connectSetup.disabledReason));
    }
    const token = `zzc_${nextId()}secret`;
    let connection = connections.find((c) => c.creator_id === params.creator_id && c.workspace_id === workspace);
    if (connection) {
      Object.assign(connection, { token, link_prefix: token.slice(0, 10), updated_at: NOW });
    } else {
      connection = addConnection(workspace, params.creator_id, { token, link_prefix: token.slice(0, 10) });
    }
    return response(201).json({ connection: shown(connection), token, path: `/connect#${token}` });
  }),

  http.delete('/api/v1/creators/{creator_id}/connection', ({ request, params, response }) => {
    const workspace = workspaceOf(request);
    if (workspace instanceof Response) return response.untyped(workspace);
    const connection = connections.find((c) => c.creator_id === params.creator_id && c.workspace_id === workspace);
    if (!connection) return response.untyped(notFound());
    Object.assign(connection, { status: 'disconnected', last_error: 'Disconnected by the brand.', next_sync_at: null });
    endBusiness(connection, 'Ended with the TikTok connection.');
    return response(204).empty();
  }),

  http.delete('/api/v1/creators/{creator_id}/connection/business', ({ request, params, response }) => {
    const workspace = workspaceOf(request);
    if (workspace instanceof Response) return response.untyped(workspace);
    const connection = connections.find((c) => c.creator_id === params.creator_id && c.workspace_id === workspace);
    if (!connection) return response.untyped(notFound());
    endBusiness(connection, 'Ended by the brand.');
    return response(204).empty();
  }),

  http.post('/api/v1/connect/preview', async ({ request, response }) => {
    const { token } = await request.json();
    const connection = connections.find((candidate) => candidate.token === token);
    if (!connection) return response.untyped(notFound());
    const workspace = db.workspaces.find((candidate) => candidate.id === connection.workspace_id);
    return response(200).json({
      workspace_name: workspace?.name ?? '',
      handle: connection.handle,
      status: connection.status,
      scopes: SCOPES,
      connected_at: connection.connected_at,
      disabled_reason: connectSetup.disabledReason,
      business_scopes: BUSINESS_SCOPES,
      business: businessShown(connection.business),
    });
  }),

  http.post('/api/v1/connect/authorize', async ({ request, response }) => {
    const { token } = await request.json();
    if (!connections.some((candidate) => candidate.token === token)) return response.untyped(notFound());
    return response(200).json({
      authorize_url: 'https://www.tiktok.com/v2/auth/authorize/?client_key=k&state=s&code_challenge=c',
    });
  }),

  http.post('/api/v1/connect/disconnect', async ({ request, response }) => {
    const { token } = await request.json();
    const connection = connections.find((candidate) => candidate.token === token);
    if (!connection) return response.untyped(notFound());
    Object.assign(connection, {
      status: 'disconnected',
      last_error: 'Disconnected by the creator.',
      next_sync_at: null,
    });
    endBusiness(connection, 'Ended with the TikTok connection.');
    return response(204).empty();
  }),

  http.post('/api/v1/connect/business/authorize', async ({ request, response }) => {
    const { token } = await request.json();
    const connection = connections.find((candidate) => candidate.token === token);
    if (!connection) return response.untyped(notFound());
    const off = connectSetup.disabledReason ?? connectSetup.businessDisabledReason;
    if (off) return response.untyped(refuse(409, 'source_unavailable', off));
    if (connection.status !== 'connected') {
      return response.untyped(refuse(409, 'not_connected', 'The TikTok account is not connected; connect it first.'));
    }
    if (connection.business.status === 'not_connected') {
      connection.business = { ...connection.business, status: 'pending' };
    }
    return response(200).json({
      authorize_url: 'https://www.tiktok.com/v2/auth/authorize/?client_key=b&app_id=b&scope=user.insights&state=s',
    });
  }),

  http.post('/api/v1/connect/business/disconnect', async ({ request, response }) => {
    const { token } = await request.json();
    const connection = connections.find((candidate) => candidate.token === token);
    if (!connection) return response.untyped(notFound());
    endBusiness(connection, 'Stopped by the creator.');
    return response(204).empty();
  }),
];
