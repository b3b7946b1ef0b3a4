// POST /workspace/invitations: invites an e-mail address with a role (owners only). The answer holds
// the link's secret this once; zzyzx sends no e-mail, so the owner hands the link over.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { invitationsQueryKey } from './get-invitations';

export type CreateInvitationInput = components['schemas']['CreateInvitationRequest'];
export type CreatedInvitation = components['schemas']['CreatedInvitationResponse'];

export function createInvitation(input: CreateInvitationInput): Promise<CreatedInvitation> {
  return unwrap(apiClient.POST('/api/v1/workspace/invitations', { body: input }));
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}
