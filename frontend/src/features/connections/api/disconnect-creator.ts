// DELETE /creators/{creator_id}/connection: ends the connection from the brand's side (editors). The
// creator's tokens are revoked and deleted; the numbers already read stay.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { connectionQueryKey } from './get-connection';

export async function disconnectCreator(creatorId: string): Promise<void> {
  await unwrap(
    apiClient.DELETE('/api/v1/creators/{creator_id}/connection', { params: { path: { creator_id: creatorId } } }),
  );
}

export function useDisconnectCreator(creatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => disconnectCreator(creatorId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionQueryKey(creatorId) }),
  });
}
