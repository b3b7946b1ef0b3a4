// GET /creators/{creator_id}: profile, latest counts and tracking state.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type Creator = components['schemas']['CreatorResponse'];

/** Prefix of everything about one creator: profile and history. */
export const creatorQueryKey = (creatorId: string) => ['creators', creatorId] as const;

export function getCreator(creatorId: string): Promise<Creator> {
  return unwrap(apiClient.GET('/api/v1/creators/{creator_id}', { params: { path: { creator_id: creatorId } } }));
}

export const creatorQueryOptions = (creatorId: string) =>
  queryOptions({ queryKey: creatorQueryKey(creatorId), queryFn: () => getCreator(creatorId) });

export function useCreator(creatorId: string) {
  return useQuery(creatorQueryOptions(creatorId));
}
