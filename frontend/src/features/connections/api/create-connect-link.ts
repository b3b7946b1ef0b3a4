// POST /creators/{creator_id}/connection: a connect link for the creator (editors). The answer holds
// the link's secret this once; making a new link retires the old one.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { connectionQueryKey } from './get-connection';

export type CreatedConnectLink = components['schemas']['CreatedConnectLinkResponse'];

export function createConnectLink(creatorId: string): Promise<CreatedConnectLink> {
  return unwrap(
    apiClient.POST('/api/v1/creators/{creator_id}/connection', { params: { path: { creator_id: creatorId } } }),
  );
}

export function useCreateConnectLink(creatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => createConnectLink(creatorId),
    onSuccess: (created) => queryClient.setQueryData(connectionQueryKey(creatorId), created.connection),
  });
}
