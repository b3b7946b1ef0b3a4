// POST /invitations/preview: what an invitation offers, before logging in (the token is the
// credential). 404 when the link is unknown or was revoked.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/lib/api/problem';
import { publicClient } from '@/lib/api/public-client';
import type { components } from '@/lib/api/schema';

export type InvitationPreview = components['schemas']['InvitationPreviewResponse'];

export const invitationPreviewQueryKey = (token: string) => ['invitation-preview', token] as const;

export function previewInvitation(token: string): Promise<InvitationPreview> {
  return unwrap(publicClient.POST('/api/v1/invitations/preview', { body: { token } }));
}

export function useInvitationPreview(token: string) {
  return useQuery(
    queryOptions({
      queryKey: invitationPreviewQueryKey(token),
      queryFn: () => previewInvitation(token),
      enabled: token !== '',
    }),
  );
}
