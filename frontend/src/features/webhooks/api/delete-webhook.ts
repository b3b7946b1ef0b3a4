// DELETE /webhooks/{webhook_id}: removes an endpoint and its delivery log (owners only).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { webhooksQueryKey, type Webhook } from './get-webhooks';

export async function deleteWebhook(id: string): Promise<void> {
  await unwrap(apiClient.DELETE('/api/v1/webhooks/{webhook_id}', { params: { path: { webhook_id: id } } }));
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSuccess: (_nothing, id) => {
      queryClient.setQueryData<Webhook[]>(webhooksQueryKey, (webhooks) =>
        webhooks?.filter((candidate) => candidate.id !== id),
      );
      queryClient.removeQueries({ queryKey: [...webhooksQueryKey, id] });
    },
  });
}
