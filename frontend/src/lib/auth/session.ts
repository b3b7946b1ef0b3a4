// The browser's session: who is logged in and the short-lived access token. The token lives only
// in memory (never in storage a script could read later); the refresh token is an HttpOnly cookie
// the server sets, so a page load restores the session by asking for a refresh.
import { publicClient } from '../api/public-client';
import type { components } from '../api/schema';

type SessionResponse = components['schemas']['SessionResponse'];
export type User = components['schemas']['UserResponse'];
export type Workspace = components['schemas']['WorkspaceResponse'];

export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; reason: 'none' | 'expired' | 'logged_out' | 'unreachable' }
  | { status: 'authenticated'; user: User; workspaces: Workspace[] };

/** Refresh this long before the access token expires, so requests rarely meet a 401. */
const REFRESH_MARGIN_SECONDS = 60;
/** After a refresh that failed for lack of network, try again this much later. */
const OFFLINE_RETRY_MS = 30_000;
/** Tabs share the refresh cookie; a Web Lock stops two tabs presenting the same one (reuse revokes it). */
const REFRESH_LOCK = 'zzyzx-session-refresh';

class RefreshUnreachable extends Error {}

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

  /** The workspace requests act in; `null` lets the server pick the user's first. */
  workspaceId(): string | null {
    return null;
  }

  /** Adopts the tokens of a login, registration or refresh. */
  start(response: SessionResponse): void {
    this.token = response.access_token;
    this.scheduleRefresh(response.expires_in);
    this.setState({ status: 'authenticated', user: response.user, workspaces: response.workspaces });
  }

  end(reason: Exclude<SessionState, { status: 'restoring' | 'authenticated' }>['reason']): void {
    clearTimeout(this.refreshTimer);
    this.generation += 1;
    this.token = null;
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
