// POST /creators/{creator_id}/refresh: asks for a fetch from the data source as soon as a worker
// is free (202 with a job). The job is then polled; when it ends, everything shown about the
// creator is fetched again. 409 `source_unavailable`: no data source is configured.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { creatorQueryKey } from './get-creator';
import { isJobFinished, jobQueryKey, useJob } from './get-job';

export function refreshCreator(creatorId: string) {
  return unwrap(
    apiClient.POST('/api/v1/creators/{creator_id}/refresh', { params: { path: { creator_id: creatorId } } }),
  );
}

/** Starts a refresh and follows its job: `start()`, then watch `job`, `startError` and `pollError`. */
export function useRefreshCreator(creatorId: string) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const startMutation = useMutation({
    mutationFn: () => refreshCreator(creatorId),
    onSuccess: (job) => {
      // The 202 answer is the job's first state: show it at once, then poll from there.
      queryClient.setQueryData(jobQueryKey(job.id), job);
      setJobId(job.id);
    },
  });
  const jobQuery = useJob(jobId);
  const finishedJobId = isJobFinished(jobQuery.data) ? jobId : null;

  useEffect(() => {
    if (finishedJobId === null) return;
    // Profile, history and videos, and the latest counts the lists show.
    void queryClient.invalidateQueries({ queryKey: creatorQueryKey(creatorId) });
    void queryClient.invalidateQueries({ queryKey: ['lists'] });
  }, [finishedJobId, creatorId, queryClient]);

  return {
    start: () => {
      setJobId(null);
      startMutation.mutate();
    },
    job: jobId === null ? undefined : jobQuery.data,
    running: startMutation.isPending || (jobId !== null && !isJobFinished(jobQuery.data) && !jobQuery.isError),
    startError: startMutation.error,
    pollError: jobId === null ? null : jobQuery.error,
    retryPolling: () => void jobQuery.refetch(),
  };
}
