// GET /workspace/digest: the signed-in member's own e-mail digest of this workspace's events (off,
// daily or weekly), and whether the server can send e-mail at all.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { alertsQueryKey } from './get-unread-count';

export type DigestSettings = components['schemas']['DigestSettings'];
export type DigestFrequency = components['schemas']['DigestFrequency'];

export const digestQueryKey = [...alertsQueryKey, 'digest'] as const;

export function getDigest(): Promise<DigestSettings> {
  return unwrap(apiClient.GET('/api/v1/workspace/digest'));
}

export function useDigest() {
  return useQuery(queryOptions({ queryKey: digestQueryKey, queryFn: getDigest }));
}
