// DELETE /workspace/invitations/{invitation_id}: the link stops working (owners only).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { invitationsQueryKey } from './get-invitations';

export async function revokeInvitation(invitationId: string): Promise<void> {
  await unwrap(
    apiClient.DELETE('/api/v1/workspace/invitations/{invitation_id}', {
      params: { path: { invitation_id: invitationId } },
    }),
  );
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}
