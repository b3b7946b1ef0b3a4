// Where to go after logging in: back to the page that asked for it. Only paths inside the app
// are accepted, so a crafted link cannot bounce a user elsewhere.
import type { Location } from 'react-router';

export type LoginRedirectState = { from?: Pick<Location, 'pathname' | 'search' | 'hash'>; expired?: boolean };

export function redirectTarget(state: unknown): string | null {
  const from = (state as LoginRedirectState | null)?.from;
  if (!from || typeof from.pathname !== 'string' || !from.pathname.startsWith('/') || from.pathname.startsWith('//')) {
    return null;
  }
  return `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`;
}

export function sessionExpired(state: unknown): boolean {
  return (state as LoginRedirectState | null)?.expired === true;
}
