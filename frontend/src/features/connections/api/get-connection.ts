// GET /creators/{creator_id}/connection: whether the creator connected their own TikTok account to
// this workspace, through the link the brand sent. `null` when no link was ever made.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { hasCode, unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type Connection = components['schemas']['ConnectionResponse'];

export const connectionQueryKey = (creatorId: string) => ['creators', creatorId, 'connection'] as const;

export async function getConnection(creatorId: string): Promise<Connection | null> {
  try {
    return await unwrap(
      apiClient.GET('/api/v1/creators/{creator_id}/connection', { params: { path: { creator_id: creatorId } } }),
    );
  } catch (error) {
    if (hasCode(error, 'not_found')) return null;
    throw error;
  }
}

export function useConnection(creatorId: string) {
  return useQuery(queryOptions({ queryKey: connectionQueryKey(creatorId), queryFn: () => getConnection(creatorId) }));
}
