// POST /creators/{creator_id}/audience: records an audience profile by hand (source `manual`), for
// numbers read off a media kit or the creator's own analytics screenshots. Fit changes with it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type AudienceInput = components['schemas']['AudienceInput'];
export type AddAudienceInput = { creatorId: string; profile: AudienceInput };

export function addAudience({ creatorId, profile }: AddAudienceInput) {
  return unwrap(
    apiClient.POST('/api/v1/creators/{creator_id}/audience', {
      params: { path: { creator_id: creatorId } },
      body: profile,
    }),
  );
}

export function useAddAudience() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addAudience,
    onSuccess: (_, { creatorId }) =>
      Promise.all([
        // The profile list and the creator's analytics (fit) both live under the creator's key.
        queryClient.invalidateQueries({ queryKey: ['creators', creatorId] }),
        // Dashboards and rising show fit scores too.
        queryClient.invalidateQueries({ queryKey: ['lists'] }),
        queryClient.invalidateQueries({ queryKey: ['discover'] }),
      ]),
  });
}
