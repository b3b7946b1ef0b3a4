// One endpoint's delivery log, newest first: the event type, whether it arrived, how many attempts
// it took, the receiver's answer and the last error, with "Redeliver" on each row to send it again.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';
import Table from 'react-bootstrap/Table';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { WideTable } from '@/components/ui/WideTable';
import { describeError } from '@/lib/api/problem';
import { eventTypeLabel } from '@/lib/event-types';
import { formatDateTime, formatRelativeTime } from '@/lib/format';
import { useDeliveries, type Delivery } from '../api/get-deliveries';
import { useRedeliver } from '../api/redeliver';
import './webhooks.css';

const STATUS_BADGES: Record<Delivery['status'], { label: string; bg: string; text?: 'dark' }> = {
  delivered: { label: 'Delivered', bg: 'success' },
  pending: { label: 'Pending', bg: 'warning', text: 'dark' },
  failed: { label: 'Failed', bg: 'danger' },
};

function Moment({ label, iso }: { label: string; iso: string | null | undefined }) {
  if (!iso) return null;
  return (
    <div>
      {label} <time dateTime={iso}>{formatRelativeTime(iso)}</time>
      <span className="visually-hidden"> ({formatDateTime(iso)})</span>
    </div>
  );
}

export function DeliveriesLog({ webhookId }: { webhookId: string }) {
  const deliveriesQuery = useDeliveries(webhookId);
  const redeliverMutation = useRedeliver();
  const [message, setMessage] = useState('');

  if (deliveriesQuery.isPending) return <LoadingState label="Loading deliveries…" />;
  if (deliveriesQuery.isError) {
    return (
      <ErrorState
        title="Could not load the deliveries."
        error={deliveriesQuery.error}
        onRetry={() => void deliveriesQuery.refetch()}
      />
    );
  }
  const deliveries = deliveriesQuery.data.pages.flatMap((page) => page.items);
  if (deliveries.length === 0) {
    return (
      <p className="small text-body-secondary mb-0">
        Nothing sent yet. A delivery appears here each time an event of the chosen types is recorded.
      </p>
    );
  }

  const redeliver = (delivery: Delivery) => {
    setMessage('');
    redeliverMutation.mutate(
      { webhookId, deliveryId: delivery.id },
      {
        onSuccess: () => setMessage(`The ${eventTypeLabel(delivery.event_type)} event is queued to be sent again.`),
        onError: (error) => setMessage(`Could not send it again: ${describeError(error)}`),
      },
    );
  };

  return (
    <>
      <WideTable>
        <Table size="sm" className="align-middle mb-0 small">
          <caption className="caption-top">Deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col" className="text-end">
                Attempts
              </th>
              <th scope="col" className="text-end">
                Response
              </th>
              <th scope="col">Last error</th>
              <th scope="col">When</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => {
              const badge = STATUS_BADGES[delivery.status];
              const label = eventTypeLabel(delivery.event_type);
              const pending = redeliverMutation.isPending && redeliverMutation.variables.deliveryId === delivery.id;
              return (
                <tr key={delivery.id}>
                  <td>
                    {label}
                    <code className="d-block">{delivery.event_type}</code>
                  </td>
                  <td>
                    <Badge bg={badge.bg} text={badge.text}>
                      {badge.label}
                    </Badge>
                  </td>
                  <td className="text-end">{delivery.attempts}</td>
                  <td className="text-end">{delivery.response_status ?? '—'}</td>
                  <td className="text-break delivery-error">{delivery.last_error ?? '—'}</td>
                  <td className="text-nowrap">
                    <Moment label="Created" iso={delivery.created_at} />
                    <Moment label="Last tried" iso={delivery.last_attempt_at} />
                    {delivery.status === 'pending' && <Moment label="Next try" iso={delivery.next_attempt_at} />}
                    <Moment label="Delivered" iso={delivery.delivered_at} />
                  </td>
                  <td className="text-end">
                    <Button
                      variant="outline-secondary"
                      size="sm"
                      disabled={pending}
                      onClick={() => redeliver(delivery)}
                      aria-label={`Redeliver the ${label} event of ${formatDateTime(delivery.created_at)}`}
                    >
                      {pending && (
                        <Spinner as="span" animation="border" size="sm" className="me-1" aria-hidden="true" />
                      )}
                      Redeliver
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </WideTable>
      <div aria-live="polite" className="small mt-1">
        {message}
      </div>
      {deliveriesQuery.hasNextPage && (
        <Button
          variant="outline-secondary"
          size="sm"
          className="mt-2"
          disabled={deliveriesQuery.isFetchingNextPage}
          onClick={() => void deliveriesQuery.fetchNextPage()}
        >
          Load more deliveries
        </Button>
      )}
      {deliveriesQuery.isFetchNextPageError && (
        <div role="alert" className="small text-danger mt-2">
          Could not load more deliveries. Please try again.
        </div>
      )}
    </>
  );
}
