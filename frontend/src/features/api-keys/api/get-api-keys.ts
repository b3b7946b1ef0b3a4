// GET /api-keys: the workspace's API keys, newest first, revoked ones included (owners only).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type ApiKey = components['schemas']['ApiKeyResponse'];
export type Scope = components['schemas']['Scope'];

export const apiKeysQueryKey = ['api-keys'] as const;

export async function getApiKeys(): Promise<ApiKey[]> {
  return (await unwrap(apiClient.GET('/api/v1/api-keys'))).items;
}

export function useApiKeys() {
  return useQuery(queryOptions({ queryKey: apiKeysQueryKey, queryFn: getApiKeys }));
}
