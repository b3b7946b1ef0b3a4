// PATCH /workspace/members/{user_id}: gives a member another role (owners only). Refused with
// `last_owner` when the workspace would be left without an owner.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Role } from '@/lib/auth/roles';
import { session } from '@/lib/auth/session';
import { membersQueryKey, type Member } from './get-members';

export async function updateMemberRole({ userId, role }: { userId: string; role: Role }): Promise<Member> {
  const member = await unwrap(
    apiClient.PATCH('/api/v1/workspace/members/{user_id}', { params: { path: { user_id: userId } }, body: { role } }),
  );
  // An owner who steps down sees the app as their new role at once.
  const state = session.getSnapshot();
  if (state.status === 'authenticated' && state.user.id === userId && state.workspace) {
    session.adoptWorkspace({ ...state.workspace, role: member.role });
  }
  return member;
}

export function useUpdateMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMemberRole,
    onSuccess: (updated) =>
      queryClient.setQueryData<Member[]>(membersQueryKey, (members) =>
        members?.map((member) => (member.user_id === updated.user_id ? updated : member)),
      ),
  });
}
