// GET /workspace/target-audience: who the brand wants to reach (countries, languages, age bands,
// genders, interests); empty until saved. Audience fit and the content signal compare against it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { workspaceQueryKey } from './get-analytics-settings';

export type TargetAudience = components['schemas']['TargetAudience'];

export const targetAudienceQueryKey = [...workspaceQueryKey, 'target-audience'] as const;

export function getTargetAudience(): Promise<TargetAudience> {
  return unwrap(apiClient.GET('/api/v1/workspace/target-audience'));
}

export function useTargetAudience() {
  return useQuery(queryOptions({ queryKey: targetAudienceQueryKey, queryFn: getTargetAudience }));
}
