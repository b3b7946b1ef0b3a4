// DELETE /workspace/members/{user_id}: an owner removes someone, or anyone leaves (their own id).
// Refused with `last_owner` when the workspace would be left without an owner.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { session } from '@/lib/auth/session';
import { membersQueryKey } from './get-members';

export async function removeMember(userId: string): Promise<void> {
  await unwrap(apiClient.DELETE('/api/v1/workspace/members/{user_id}', { params: { path: { user_id: userId } } }));
  const state = session.getSnapshot();
  // Having left, the app moves to the user's first remaining workspace.
  if (state.status === 'authenticated' && state.user.id === userId && state.workspace) {
    session.forgetWorkspace(state.workspace.id);
  }
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}
