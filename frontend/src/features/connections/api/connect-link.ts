// What a creator does with the connect link a brand sent them, without an account: see what it is
// for, start TikTok's authorization, or disconnect; once connected, also share (or stop sharing) a
// business account's audience. The link's secret is the credential, sent in request bodies only.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/lib/api/problem';
import { leaveFor } from '@/lib/leave-app';
import { publicClient } from '@/lib/api/public-client';
import type { components } from '@/lib/api/schema';

export type ConnectPreview = components['schemas']['ConnectPreviewResponse'];

const previewQueryKey = (token: string) => ['connect-preview', token] as const;

export function previewConnectLink(token: string): Promise<ConnectPreview> {
  return unwrap(publicClient.POST('/api/v1/connect/preview', { body: { token } }));
}

export function useConnectPreview(token: string) {
  return useQuery(
    queryOptions({ queryKey: previewQueryKey(token), queryFn: () => previewConnectLink(token), enabled: token !== '' }),
  );
}

/** TikTok's consent page for this link, with a fresh `state` and PKCE challenge. */
export async function startAuthorization(token: string): Promise<string> {
  return (await unwrap(publicClient.POST('/api/v1/connect/authorize', { body: { token } }))).authorize_url;
}

export function useStartAuthorization() {
  return useMutation({
    mutationFn: startAuthorization,
    // Leaves zzyzx for TikTok, which sends the creator back to /connect/done.
    onSuccess: (url) => leaveFor(url),
  });
}

export async function disconnectByLink(token: string): Promise<void> {
  await unwrap(publicClient.POST('/api/v1/connect/disconnect', { body: { token } }));
}

export function useDisconnectByLink(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => disconnectByLink(token),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: previewQueryKey(token) }),
  });
}

/**
 * The API for Business's consent page for this link's account, with a fresh `state`: the second,
 * optional step that shares a business account's audience. Only once connected.
 */
export async function startBusinessAuthorization(token: string): Promise<string> {
  return (await unwrap(publicClient.POST('/api/v1/connect/business/authorize', { body: { token } }))).authorize_url;
}

export function useStartBusinessAuthorization() {
  return useMutation({
    mutationFn: startBusinessAuthorization,
    // Leaves zzyzx for TikTok, which sends the creator back to /connect/done?step=business.
    onSuccess: (url) => leaveFor(url),
  });
}

/** Stops sharing the business audience; the account stays connected. */
export async function disconnectBusinessByLink(token: string): Promise<void> {
  await unwrap(publicClient.POST('/api/v1/connect/business/disconnect', { body: { token } }));
}

export function useDisconnectBusinessByLink(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => disconnectBusinessByLink(token),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: previewQueryKey(token) }),
  });
}
