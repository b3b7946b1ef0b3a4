// POST /webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver: sends a delivery again now, once,
// whatever became of it (owners only). The answer is the delivery as queued; the log shows it so.
import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { deliveriesQueryKey, type DeliveriesPage, type Delivery } from './get-deliveries';

export function redeliver({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }): Promise<Delivery> {
  return unwrap(
    apiClient.POST('/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver', {
      params: { path: { webhook_id: webhookId, delivery_id: deliveryId } },
    }),
  );
}

export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: redeliver,
    onSuccess: (queued, { webhookId }) =>
      queryClient.setQueryData<InfiniteData<DeliveriesPage>>(deliveriesQueryKey(webhookId), (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((delivery) => (delivery.id === queued.id ? queued : delivery)),
              })),
            }
          : data,
      ),
  });
}
