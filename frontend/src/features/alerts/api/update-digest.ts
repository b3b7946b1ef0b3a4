// PUT /workspace/digest: sets the signed-in member's digest (any member: it is their own e-mail).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { digestQueryKey, type DigestFrequency, type DigestSettings } from './get-digest';

export function updateDigest(frequency: DigestFrequency): Promise<DigestSettings> {
  return unwrap(apiClient.PUT('/api/v1/workspace/digest', { body: { frequency } }));
}

export function useUpdateDigest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDigest,
    onSuccess: (saved) => queryClient.setQueryData(digestQueryKey, saved),
  });
}
