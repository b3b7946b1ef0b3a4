// GET /jobs/{job_id}: a long operation's progress (0–100), message and outcome. Polled about once a
// second until the job has succeeded or failed.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type Job = components['schemas']['JobResponse'];

export const JOB_POLL_INTERVAL_MS = 1_000;

export const jobQueryKey = (jobId: string) => ['jobs', jobId] as const;

export function isJobFinished(job: Job | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

export function getJob(jobId: string): Promise<Job> {
  return unwrap(apiClient.GET('/api/v1/jobs/{job_id}', { params: { path: { job_id: jobId } } }));
}

export const jobQueryOptions = (jobId: string) =>
  queryOptions({
    queryKey: jobQueryKey(jobId),
    queryFn: () => getJob(jobId),
    // Stop asking once the job is over, or once asking failed (the screen offers a retry).
    refetchInterval: (query) =>
      isJobFinished(query.state.data) || query.state.status === 'error' ? false : JOB_POLL_INTERVAL_MS,
    // Keep polling in a background tab: the outcome should be there when the user comes back.
    refetchIntervalInBackground: true,
  });

/** `jobId` null: no job yet, nothing is asked. */
export function useJob(jobId: string | null) {
  return useQuery({ ...jobQueryOptions(jobId ?? ''), enabled: jobId !== null });
}
