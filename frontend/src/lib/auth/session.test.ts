import { afterEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/lib/api/schema';
import { http } from '@/testing/mock-api';
import { server } from '@/testing/server';
import { session, WORKSPACE_STORAGE_KEY } from './session';

type Workspace = components['schemas']['WorkspaceResponse'];

const PERSONAL: Workspace = { id: 'ws-personal', name: 'Maya’s workspace', role: 'owner' };
const TEAM: Workspace = { id: 'ws-team', name: 'Northwind', role: 'viewer' };

function sessionResponse(
  accessToken: string,
  expiresIn = 900,
  workspaces: Workspace[] = [],
): components['schemas']['SessionResponse'] {
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresIn,
    expires_at: '2026-11-20T12:15:00Z',
    user: { id: 'u1', email: 'maya@example.com', display_name: 'Maya', created_at: '2026-11-20T12:00:00Z' },
    workspaces,
  };
}

function currentWorkspace() {
  const state = session.getSnapshot();
  return state.status === 'authenticated' ? state.workspace : undefined;
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

describe('session: the workspace it acts in', () => {
  it('starts in the first workspace when this browser has chosen none', () => {
    session.start(sessionResponse('token-0', 900, [PERSONAL, TEAM]));

    expect(currentWorkspace()).toEqual(PERSONAL);
    expect(session.workspaceId()).toBe(PERSONAL.id);
  });

  it('remembers a switch for the next page load', () => {
    session.start(sessionResponse('token-0', 900, [PERSONAL, TEAM]));

    session.switchWorkspace(TEAM.id);
    session.reset();
    session.start(sessionResponse('token-1', 900, [PERSONAL, TEAM]));

    expect(localStorage.getItem(WORKSPACE_STORAGE_KEY)).toBe(TEAM.id);
    expect(session.workspaceId()).toBe(TEAM.id);
  });

  it('falls back to the first workspace when the remembered one is no longer the user’s', () => {
    localStorage.setItem(WORKSPACE_STORAGE_KEY, 'ws-left-long-ago');

    session.start(sessionResponse('token-0', 900, [PERSONAL, TEAM]));

    expect(session.workspaceId()).toBe(PERSONAL.id);
  });

  it('keeps this tab’s workspace through a token refresh, whatever another tab chose since', () => {
    session.start(sessionResponse('token-0', 900, [PERSONAL, TEAM]));
    session.switchWorkspace(TEAM.id);

    localStorage.setItem(WORKSPACE_STORAGE_KEY, PERSONAL.id);
    session.start(sessionResponse('token-1', 900, [PERSONAL, TEAM]));

    expect(session.workspaceId()).toBe(TEAM.id);
  });

  it('adopts a joined workspace and a new role, and moves on from one it left', () => {
    session.start(sessionResponse('token-0', 900, [PERSONAL]));

    session.adoptWorkspace(TEAM);
    session.switchWorkspace(TEAM.id);
    session.adoptWorkspace({ ...TEAM, role: 'editor' });
    expect(currentWorkspace()).toEqual({ ...TEAM, role: 'editor' });

    session.forgetWorkspace(TEAM.id);
    expect(currentWorkspace()).toEqual(PERSONAL);
  });

  it('forgets the choice when the user logs out, so the next person starts in their own', () => {
    session.start(sessionResponse('token-0', 900, [PERSONAL, TEAM]));
    session.switchWorkspace(TEAM.id);

    session.end('logged_out');

    expect(localStorage.getItem(WORKSPACE_STORAGE_KEY)).toBeNull();
    expect(session.workspaceId()).toBeNull();
  });
});
