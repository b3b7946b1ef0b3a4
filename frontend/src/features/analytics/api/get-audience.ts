// GET /creators/{creator_id}/audience: the audience profiles this workspace recorded for a creator
// (by hand or by import), newest first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type AudienceProfile = components['schemas']['AudienceResponse'];

export const audienceQueryKey = (creatorId: string) => ['creators', creatorId, 'audience'] as const;

export function getAudience(creatorId: string): Promise<AudienceProfile[]> {
  return unwrap(
    apiClient.GET('/api/v1/creators/{creator_id}/audience', { params: { path: { creator_id: creatorId } } }),
  );
}

export function useAudience(creatorId: string) {
  return useQuery(queryOptions({ queryKey: audienceQueryKey(creatorId), queryFn: () => getAudience(creatorId) }));
}
