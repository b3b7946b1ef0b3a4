// POST /webhooks: registers an endpoint (owners only). The answer is the only time its signing
// secret (`whsec_…`) is shown. A URL on a private address is refused with a 422 at `/url`.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { webhooksQueryKey, type WebhookWithSecret } from './get-webhooks';

export type CreateWebhookInput = components['schemas']['CreateWebhookRequest'];

export function createWebhook(input: CreateWebhookInput): Promise<WebhookWithSecret> {
  return unwrap(apiClient.POST('/api/v1/webhooks', { body: input }));
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}
