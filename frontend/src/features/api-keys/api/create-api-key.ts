// POST /api-keys: makes a key for a third-party tool (owners only). The answer is the only time
// the key itself (`secret`) is shown.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { apiKeysQueryKey } from './get-api-keys';

export type CreateApiKeyInput = components['schemas']['CreateApiKeyRequest'];
export type CreatedApiKey = components['schemas']['CreatedApiKeyResponse'];

export function createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
  return unwrap(apiClient.POST('/api/v1/api-keys', { body: input }));
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
