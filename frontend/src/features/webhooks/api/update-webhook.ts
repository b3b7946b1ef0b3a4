// PATCH /webhooks/{webhook_id}: changes an endpoint's URL, description or event types, pauses or
// resumes it, or rotates its secret (the new one is in the answer, this once). Owners only.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { webhooksQueryKey, type Webhook, type WebhookWithSecret } from './get-webhooks';

export type UpdateWebhookInput = components['schemas']['UpdateWebhookRequest'];

export function updateWebhook({
  id,
  changes,
}: {
  id: string;
  changes: UpdateWebhookInput;
}): Promise<WebhookWithSecret> {
  return unwrap(
    apiClient.PATCH('/api/v1/webhooks/{webhook_id}', { params: { path: { webhook_id: id } }, body: changes }),
  );
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWebhook,
    onSuccess: ({ webhook }) =>
      queryClient.setQueryData<Webhook[]>(webhooksQueryKey, (webhooks) =>
        webhooks?.map((candidate) => (candidate.id === webhook.id ? webhook : candidate)),
      ),
  });
}
