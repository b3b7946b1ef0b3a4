// What a role in a workspace allows, in words and as hooks that hide the controls a role cannot use.
// The server enforces the same rules; hiding only spares people a refusal.
import type { components } from '../api/schema';
import { useSession } from './use-session';

export type Role = components['schemas']['Role'];

/** Weakest first, the order forms list them in. */
export const ROLES: readonly { id: Role; label: string; description: string }[] = [
  { id: 'viewer', label: 'Viewer', description: 'Sees lists, creators and dashboards; changes nothing.' },
  { id: 'editor', label: 'Editor', description: 'Also adds and edits lists, creators, metrics and audiences.' },
  {
    id: 'owner',
    label: 'Owner',
    description: 'Also manages members, invitations, API keys, share links and settings.',
  },
];

export function roleLabel(role: Role): string {
  return ROLES.find((candidate) => candidate.id === role)?.label ?? role;
}

/** The signed-in user's role in the workspace the app acts in, or `null` without one. */
export function useRole(): Role | null {
  const state = useSession();
  return state.status === 'authenticated' ? (state.workspace?.role ?? null) : null;
}

/** Editors and owners change lists, their creators, metrics and audiences. */
export function useCanEdit(): boolean {
  const role = useRole();
  return role === 'editor' || role === 'owner';
}

/** Owners manage the workspace: members, invitations, API keys, share links and settings. */
export function useIsOwner(): boolean {
  return useRole() === 'owner';
}
