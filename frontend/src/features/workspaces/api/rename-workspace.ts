// PATCH /workspace: renames the workspace the app acts in (owners only). The session's copy of the
// name changes with it, so the switcher shows the new one.
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { session, type Workspace } from '@/lib/auth/session';

export async function renameWorkspace(name: string): Promise<Workspace> {
  const renamed = await unwrap(apiClient.PATCH('/api/v1/workspace', { body: { name } }));
  session.adoptWorkspace(renamed);
  return renamed;
}

export function useRenameWorkspace() {
  return useMutation({ mutationFn: renameWorkspace });
}
