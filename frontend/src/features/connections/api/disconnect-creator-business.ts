// DELETE /creators/{creator_id}/connection/business: stops reading the creator's business audience
// from the brand's side (editors). The business token is revoked and deleted; the connection and
// the audience already read stay.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { connectionQueryKey } from './get-connection';

export async function disconnectCreatorBusiness(creatorId: string): Promise<void> {
  await unwrap(
    apiClient.DELETE('/api/v1/creators/{creator_id}/connection/business', {
      params: { path: { creator_id: creatorId } },
    }),
  );
}

export function useDisconnectCreatorBusiness(creatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => disconnectCreatorBusiness(creatorId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionQueryKey(creatorId) }),
  });
}
