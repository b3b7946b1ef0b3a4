// GET /webhooks/{webhook_id}/deliveries: what was sent to an endpoint, newest first, a page at a
// time: status, attempts and the receiver's answer (owners only).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { webhooksQueryKey } from './get-webhooks';

export type Delivery = components['schemas']['DeliveryResponse'];
export type DeliveriesPage = components['schemas']['Page_DeliveryResponse'];

const PAGE_SIZE = 20;

export const deliveriesQueryKey = (webhookId: string) => [...webhooksQueryKey, webhookId, 'deliveries'] as const;

export function getDeliveries(webhookId: string, cursor: string | undefined): Promise<DeliveriesPage> {
  return unwrap(
    apiClient.GET('/api/v1/webhooks/{webhook_id}/deliveries', {
      params: { path: { webhook_id: webhookId }, query: { limit: PAGE_SIZE, cursor } },
    }),
  );
}

export const deliveriesQueryOptions = (webhookId: string) =>
  infiniteQueryOptions({
    queryKey: deliveriesQueryKey(webhookId),
    queryFn: ({ pageParam }) => getDeliveries(webhookId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
  });

export function useDeliveries(webhookId: string) {
  return useInfiniteQuery(deliveriesQueryOptions(webhookId));
}
