// The API client for everything behind login. It is the one place where request headers are set:
// the access token, and later the chosen workspace. A 401 triggers one shared token refresh and a
// single retry; if the refresh fails the session ends and the app sends the user to log in.
import createClient from 'openapi-fetch';
import { session } from '../auth/session';
import { apiBaseUrl } from './public-client';
import type { paths } from './schema';

function withSessionHeaders(request: Request, accessToken: string | null): Request {
  const authorized = new Request(request);
  if (accessToken) authorized.headers.set('Authorization', `Bearer ${accessToken}`);
  const workspaceId = session.workspaceId();
  if (workspaceId) authorized.headers.set('X-Workspace-Id', workspaceId);
  return authorized;
}

async function authorizedFetch(request: Request): Promise<Response> {
  // Keep an unread copy: the body of the first attempt is consumed by sending it.
  const retryCopy = request.clone();
  const tokenUsed = session.accessToken();
  const response = await globalThis.fetch(withSessionHeaders(request, tokenUsed));
  if (response.status !== 401) return response;

  // Another request may already have refreshed while this one was in flight.
  const current = session.accessToken();
  const fresh = current && current !== tokenUsed ? current : await session.refresh();
  if (!fresh) {
    session.end('expired');
    return response;
  }
  return globalThis.fetch(withSessionHeaders(retryCopy, fresh));
}

export const apiClient = createClient<paths>({
  baseUrl: apiBaseUrl,
  credentials: 'same-origin',
  fetch: authorizedFetch,
});
