// GET /workspace/members: everyone in the workspace with their role, longest-standing first.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type Member = components['schemas']['MemberResponse'];

export const membersQueryKey = ['workspace', 'members'] as const;

export async function getMembers(): Promise<Member[]> {
  return (await unwrap(apiClient.GET('/api/v1/workspace/members'))).items;
}

export function useMembers() {
  return useQuery(queryOptions({ queryKey: membersQueryKey, queryFn: getMembers }));
}
