// GET /workspace/invitations: invitations not yet accepted, revoked or expired (owners only).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type Invitation = components['schemas']['InvitationResponse'];

export const invitationsQueryKey = ['workspace', 'invitations'] as const;

export async function getInvitations(): Promise<Invitation[]> {
  return (await unwrap(apiClient.GET('/api/v1/workspace/invitations'))).items;
}

export function useInvitations() {
  return useQuery(queryOptions({ queryKey: invitationsQueryKey, queryFn: getInvitations }));
}
