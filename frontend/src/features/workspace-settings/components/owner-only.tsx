// Settings that only a workspace's owners may change: why a form is read-only, and why a save was refused.
import Alert from 'react-bootstrap/Alert';

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
