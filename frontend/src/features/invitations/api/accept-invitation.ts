// POST /invitations/accept: joins the workspace as the logged-in user, whose e-mail address must be
// the invited one. The joined workspace becomes one of the session's.
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { session, type Workspace } from '@/lib/auth/session';

export async function acceptInvitation(token: string): Promise<Workspace> {
  const joined = await unwrap(apiClient.POST('/api/v1/invitations/accept', { body: { token } }));
  session.adoptWorkspace(joined);
  return joined;
}

export function useAcceptInvitation() {
  return useMutation({ mutationFn: acceptInvitation });
}
