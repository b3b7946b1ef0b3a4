// The API client for calls made without an access token: logging in, registering and refreshing.
// It never retries or refreshes, which is what keeps the session module free of loops.
import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** Absolute, because Request objects outside a browser (tests) cannot resolve relative URLs. */
export const apiBaseUrl = globalThis.location?.origin ?? 'http://localhost';

export const publicClient = createClient<paths>({
  baseUrl: apiBaseUrl,
  credentials: 'same-origin',
  // Resolve fetch on every call so test interceptors installed later still see the request.
  fetch: (request) => globalThis.fetch(request),
});
