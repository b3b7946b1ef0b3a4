// PUT /workspace/target-audience: replaces the target audience (owners only); fit scores change.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { targetAudienceQueryKey, type TargetAudience } from './get-target-audience';
import { invalidateAnalytics } from './invalidate-analytics';

export function updateTargetAudience(target: TargetAudience): Promise<TargetAudience> {
  return unwrap(apiClient.PUT('/api/v1/workspace/target-audience', { body: target }));
}

export function useUpdateTargetAudience() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTargetAudience,
    onSuccess: (saved) => {
      queryClient.setQueryData(targetAudienceQueryKey, saved);
      return invalidateAnalytics(queryClient);
    },
  });
}
