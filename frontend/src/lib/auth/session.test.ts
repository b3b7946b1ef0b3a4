import { afterEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/lib/api/schema';
import { http } from '@/testing/mock-api';
import { server } from '@/testing/server';
import { session } from './session';

function sessionResponse(accessToken: string, expiresIn = 900): components['schemas']['SessionResponse'] {
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresIn,
    expires_at: '2026-11-20T12:15:00Z',
    user: { id: 'u1', email: 'maya@example.com', display_name: 'Maya', created_at: '2026-11-20T12:00:00Z' },
    workspaces: [],
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('session', () => {
  it('refreshes a minute before the access token expires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let refreshes = 0;
    server.use(
      http.post('/api/v1/auth/refresh', ({ response }) => {
        refreshes += 1;
        return response(200).json(sessionResponse(`token-${refreshes}`));
      }),
    );
    session.start(sessionResponse('token-0', 900));

    await vi.advanceTimersByTimeAsync(839_000);
    expect(refreshes).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(session.accessToken()).toBe('token-1'));
    expect(refreshes).toBe(1);
  });

  it('stays logged out when a refresh that was under way at logout answers afterwards', async () => {
    let answer: (() => void) | undefined;
    server.use(
      http.post('/api/v1/auth/refresh', async ({ response }) => {
        await new Promise<void>((resolve) => (answer = resolve));
        return response(200).json(sessionResponse('late-token'));
      }),
    );
    session.start(sessionResponse('token-0'));

    const refreshed = session.refresh();
    await vi.waitFor(() => expect(answer).toBeDefined());
    session.end('logged_out');
    answer?.();

    expect(await refreshed).toBeNull();
    expect(session.getSnapshot()).toEqual({ status: 'anonymous', reason: 'logged_out' });
    expect(session.accessToken()).toBeNull();
  });

  it('restores nothing, without error, for a visitor who has no refresh cookie', async () => {
    await session.restore();

    expect(session.getSnapshot()).toEqual({ status: 'anonymous', reason: 'none' });
  });
});
