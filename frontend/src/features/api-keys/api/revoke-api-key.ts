// DELETE /api-keys/{key_id}: the key stops working with its next request (owners only).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { apiKeysQueryKey, type ApiKey } from './get-api-keys';

export function revokeApiKey(keyId: string): Promise<ApiKey> {
  return unwrap(apiClient.DELETE('/api/v1/api-keys/{key_id}', { params: { path: { key_id: keyId } } }));
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: (revoked) =>
      queryClient.setQueryData<ApiKey[]>(apiKeysQueryKey, (keys) =>
        keys?.map((key) => (key.id === revoked.id ? revoked : key)),
      ),
  });
}
