// The browser's session: who is logged in, the short-lived access token and the workspace the app
// acts in. The token lives only in memory (never in storage a script could read later); the refresh
// token is an HttpOnly cookie the server sets, so a page load restores the session by asking for a
// refresh. The chosen workspace is remembered in localStorage for the next page load only: each tab
// keeps its own, so switching in one tab never redirects another tab's requests.
import { publicClient } from '../api/public-client';
import type { components } from '../api/schema';

type SessionResponse = components['schemas']['SessionResponse'];
export type User = components['schemas']['UserResponse'];
export type Workspace = components['schemas']['WorkspaceResponse'];

export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; reason: 'none' | 'expired' | 'logged_out' | 'unreachable' }
  | {
      status: 'authenticated';
      user: User;
      workspaces: Workspace[];
      /** The workspace requests act in; `null` only for someone who belongs to none. */
      workspace: Workspace | null;
    };

/** Refresh this long before the access token expires, so requests rarely meet a 401. */
const REFRESH_MARGIN_SECONDS = 60;
/** After a refresh that failed for lack of network, try again this much later. */
const OFFLINE_RETRY_MS = 30_000;
/** Tabs share the refresh cookie; a Web Lock stops two tabs presenting the same one (reuse revokes it). */
const REFRESH_LOCK = 'zzyzx-session-refresh';

/** Where the last workspace chosen on this browser is kept, for the next page load. */
export const WORKSPACE_STORAGE_KEY = 'zzyzx-workspace';

class RefreshUnreachable extends Error {}

// Storage can be missing or refuse access (private modes, blocked cookies); the choice is only a convenience.
function storedWorkspaceId(): string | null {
  try {
    return globalThis.localStorage?.getItem(WORKSPACE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function storeWorkspaceId(workspaceId: string | null): void {
  try {
    if (workspaceId) globalThis.localStorage?.setItem(WORKSPACE_STORAGE_KEY, workspaceId);
    else globalThis.localStorage?.removeItem(WORKSPACE_STORAGE_KEY);
  } catch {
    // Not remembered for the next page load; this tab still uses it.
  }
}

/** The preferred workspace if the user still belongs to it, otherwise their first (the server's default too). */
function pickWorkspace(workspaces: Workspace[], preferredId: string | null): Workspace | null {
  return workspaces.find((workspace) => workspace.id === preferredId) ?? workspaces[0] ?? null;
}

class Session {
  private state: SessionState = { status: 'restoring' };
  private token: string | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingRefresh: Promise<string | null> | null = null;
  private pendingRestore: Promise<void> | null = null;
  /** Bumped when a session ends, so a refresh already in flight cannot bring it back. */
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionState => this.state;

  accessToken(): string | null {
    return this.token;
  }

  /** The workspace requests act in, sent as `X-Workspace-Id`; `null` before anyone logs in. */
  workspaceId(): string | null {
    return this.state.status === 'authenticated' ? (this.state.workspace?.id ?? null) : null;
  }

  /** Adopts the tokens of a login, registration or refresh. */
  start(response: SessionResponse): void {
    this.token = response.access_token;
    this.scheduleRefresh(response.expires_in);
    // A refresh keeps this tab's workspace; a new session starts in the one chosen last on this browser.
    const preferredId = this.workspaceId() ?? storedWorkspaceId();
    this.setState({
      status: 'authenticated',
      user: response.user,
      workspaces: response.workspaces,
      workspace: pickWorkspace(response.workspaces, preferredId),
    });
  }

  /** Acts in another of the user's workspaces from now on, and on this browser's next page load. */
  switchWorkspace(workspaceId: string): void {
    if (this.state.status !== 'authenticated') return;
    const workspace = this.state.workspaces.find((candidate) => candidate.id === workspaceId);
    if (!workspace) throw new Error(`Not a workspace of this user: ${workspaceId}`);
    storeWorkspaceId(workspace.id);
    this.setState({ ...this.state, workspace });
  }

  /** Adds a workspace the user joined, or takes in a new name or role of one they are in. */
  adoptWorkspace(workspace: Workspace): void {
    if (this.state.status !== 'authenticated') return;
    const known = this.state.workspaces.some((candidate) => candidate.id === workspace.id);
    this.setWorkspaces(
      known
        ? this.state.workspaces.map((candidate) => (candidate.id === workspace.id ? workspace : candidate))
        : [...this.state.workspaces, workspace],
    );
  }

  /** Drops a workspace the user left; if it was the current one, the app moves to their first. */
  forgetWorkspace(workspaceId: string): void {
    if (this.state.status !== 'authenticated') return;
    this.setWorkspaces(this.state.workspaces.filter((workspace) => workspace.id !== workspaceId));
  }

  end(reason: Exclude<SessionState, { status: 'restoring' | 'authenticated' }>['reason']): void {
    clearTimeout(this.refreshTimer);
    this.generation += 1;
    this.token = null;
    // The next person on this browser starts in their own first workspace.
    if (reason === 'logged_out') storeWorkspaceId(null);
    if (this.state.status === 'anonymous') return;
    this.setState({ status: 'anonymous', reason });
  }

  /**
   * Restores the session from the refresh cookie, once per page load however often it is asked
   * (React runs effects twice in development).
   */
  restore(): Promise<void> {
    this.pendingRestore ??= this.refresh().then(
      (token) => {
        if (!token) this.end('none');
      },
      () => this.end('unreachable'),
    );
    return this.pendingRestore;
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request.
   * Resolves to `null` when the server refuses (the session is over) and rejects when it could
   * not be reached (the session may still be fine).
   */
  refresh(): Promise<string | null> {
    this.pendingRefresh ??= this.refreshExclusively().finally(() => {
      this.pendingRefresh = null;
    });
    return this.pendingRefresh;
  }

  /** Back to the state of a fresh page load. For tests, which share this module between cases. */
  reset(): void {
    clearTimeout(this.refreshTimer);
    this.generation += 1;
    this.token = null;
    this.pendingRefresh = null;
    this.pendingRestore = null;
    this.state = { status: 'restoring' };
  }

  private async refreshExclusively(): Promise<string | null> {
    const locks = globalThis.navigator?.locks;
    if (!locks) return this.requestRefresh();
    return locks.request(REFRESH_LOCK, () => this.requestRefresh());
  }

  private async requestRefresh(): Promise<string | null> {
    const generation = this.generation;
    let result;
    try {
      // The endpoint insists on a JSON body, even an empty one.
      result = await publicClient.POST('/api/v1/auth/refresh', { body: {} });
    } catch {
      throw new RefreshUnreachable('Could not reach the server to refresh the session.');
    }
    if (!result.data) {
      if (result.response.status >= 500) throw new RefreshUnreachable('The server could not refresh the session.');
      return null;
    }
    // Logged out meanwhile: the user's choice wins over a refresh that was already under way.
    if (generation !== this.generation) return null;
    this.start(result.data);
    return result.data.access_token;
  }

  private setWorkspaces(workspaces: Workspace[]): void {
    if (this.state.status !== 'authenticated') return;
    this.setState({ ...this.state, workspaces, workspace: pickWorkspace(workspaces, this.workspaceId()) });
  }

  private scheduleRefresh(expiresInSeconds: number): void {
    clearTimeout(this.refreshTimer);
    const leadSeconds = Math.max(expiresInSeconds - REFRESH_MARGIN_SECONDS, expiresInSeconds / 2);
    this.refreshTimer = setTimeout(() => void this.refreshInBackground(), leadSeconds * 1000);
  }

  private async refreshInBackground(): Promise<void> {
    try {
      const token = await this.refresh();
      if (!token) this.end('expired');
    } catch {
      // Offline for now: the token may outlive the outage, and a 401 would refresh anyway.
      this.refreshTimer = setTimeout(() => void this.refreshInBackground(), OFFLINE_RETRY_MS);
    }
  }

  private setState(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** The one session of this page. */
export const session = new Session();
