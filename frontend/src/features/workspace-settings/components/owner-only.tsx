// Settings that only a workspace's owners may change: who may, and why a save was refused.
import Alert from 'react-bootstrap/Alert';
import { useSession } from '@/lib/auth/use-session';

/** Whether the signed-in user owns the workspace the app acts in (the first one, for now). */
export function useIsOwner(): boolean {
  const state = useSession();
  return state.status === 'authenticated' && state.workspaces[0]?.role === 'owner';
}

export function OwnerOnlyNotice() {
  return (
    <Alert variant="info" className="small">
      Only the workspace’s owners can change these settings. You can read them; ask an owner to change them.
    </Alert>
  );
}

/** In place of the server's words for a 403, which do not say which settings. */
export const FORBIDDEN_MESSAGE =
  'Only the workspace’s owners can change these settings, and your role does not allow it. Ask an owner to make the change.';
