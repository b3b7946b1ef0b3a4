// MSW handlers for creator-connected accounts: the brand's connect link and the connection's state,
// and the creator's public page (preview, authorize, disconnect), with the server's rules: a new
// link retires the old one and keeps the state; ending a connection keeps its history.
import { HttpResponse } from 'msw';
import type { components } from '@/lib/api/schema';
import { caller, http, membershipOf, problem } from './mock-api';
import { db, nextId } from './mock-db';

type Connection = components['schemas']['ConnectionResponse'];
type MockConnection = Connection & { token: string; workspace_id: string };

const NOW = '2026-11-20T12:00:00Z';
const SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list'];

let connections: MockConnection[] = [];
/** Set to a reason to play a server without ZZYZX_ENCRYPTION_KEY. */
export const connectSetup = { disabledReason: null as string | null };

export function resetConnectionsDb(): void {
  connections = [];
  connectSetup.disabledReason = null;
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

function shown({ token: _token, workspace_id: _workspace, ...connection }: MockConnection): Connection {
  return connection;
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
    return response(204).empty();
  }),
];
