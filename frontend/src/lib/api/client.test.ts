import { describe, expect, it } from 'vitest';
import { session } from '@/lib/auth/session';
import { http, problem } from '@/testing/mock-api';
import { server } from '@/testing/server';
import { apiClient } from './client';
import type { components } from './schema';

const user: components['schemas']['UserResponse'] = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'maya@example.com',
  display_name: 'Maya',
  created_at: '2026-11-20T12:00:00Z',
};

function sessionWithToken(accessToken: string): components['schemas']['SessionResponse'] {
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: 900,
    expires_at: '2026-11-20T12:15:00Z',
    user,
    workspaces: [],
  };
}

/** A server that accepts only `fresh` as the access token and counts refreshes. */
function serverAcceptingOnly(fresh: string, { refreshSucceeds }: { refreshSucceeds: boolean }) {
  const calls = { refresh: 0, authorizations: [] as (string | null)[] };
  server.use(
    http.post('/api/v1/auth/refresh', ({ response }) => {
      calls.refresh += 1;
      return refreshSucceeds
        ? response(200).json(sessionWithToken(fresh))
        : response(401).json(problem(401, 'invalid_token', 'The refresh token was revoked.'));
    }),
    http.get('/api/v1/lists', ({ request, response }) => {
      const authorization = request.headers.get('Authorization');
      calls.authorizations.push(authorization);
      if (authorization !== `Bearer ${fresh}`) return response(401).json(problem(401, 'invalid_token', 'Expired.'));
      return response(200).json({ items: [], next_cursor: null });
    }),
  );
  return calls;
}

describe('API client session handling', () => {
  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    session.start(sessionWithToken('expired-token'));
    const calls = serverAcceptingOnly('fresh-token', { refreshSucceeds: true });

    const results = await Promise.all([
      apiClient.GET('/api/v1/lists'),
      apiClient.GET('/api/v1/lists'),
      apiClient.GET('/api/v1/lists'),
    ]);

    expect(results.map((result) => result.response.status)).toEqual([200, 200, 200]);
    expect(calls.refresh).toBe(1);
    expect(calls.authorizations.filter((header) => header === 'Bearer fresh-token')).toHaveLength(3);
    expect(session.accessToken()).toBe('fresh-token');
  });

  it('ends the session when the refresh is refused, handing back the original 401', async () => {
    session.start(sessionWithToken('expired-token'));
    serverAcceptingOnly('fresh-token', { refreshSucceeds: false });

    const result = await apiClient.GET('/api/v1/lists');

    expect(result.response.status).toBe(401);
    expect(session.getSnapshot()).toEqual({ status: 'anonymous', reason: 'expired' });
    expect(session.accessToken()).toBeNull();
  });

  it('sends the request body again on the retry', async () => {
    session.start(sessionWithToken('expired-token'));
    server.use(
      http.post('/api/v1/auth/refresh', ({ response }) => response(200).json(sessionWithToken('fresh-token'))),
      http.post('/api/v1/lists', async ({ request, response }) => {
        if (request.headers.get('Authorization') !== 'Bearer fresh-token') {
          return response(401).json(problem(401, 'invalid_token', 'Expired.'));
        }
        const { name } = await request.json();
        return response(201).json({
          id: 'l1',
          name,
          description: '',
          version: 1,
          item_count: 0,
          created_at: '',
          updated_at: '',
        });
      }),
    );

    const result = await apiClient.POST('/api/v1/lists', { body: { name: 'Retried' } });

    expect(result.data?.name).toBe('Retried');
  });
});
