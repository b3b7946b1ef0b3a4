// GET /webhooks: the workspace's webhook endpoints (owners only).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type Webhook = components['schemas']['WebhookResponse'];
/** An endpoint as a change answers it: with its new signing secret when one was made. */
export type WebhookWithSecret = components['schemas']['WebhookWithSecret'];

/** Prefix of every webhook query: the endpoints and each one's deliveries. */
export const webhooksQueryKey = ['webhooks'] as const;

export async function getWebhooks(): Promise<Webhook[]> {
  return (await unwrap(apiClient.GET('/api/v1/webhooks'))).items;
}

export function useWebhooks() {
  return useQuery(queryOptions({ queryKey: webhooksQueryKey, queryFn: getWebhooks }));
}
