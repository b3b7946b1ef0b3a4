// The orders credited to the campaign's creators, newest first; editors add one by hand, import a
// shop's CSV and delete mistakes.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Table from 'react-bootstrap/Table';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { WideTable } from '@/components/ui/WideTable';
import { useLastNonNull } from '@/hooks/use-last-non-null';
import { formatMoney } from '@/lib/analytics-format';
import { describeSource, formatDay } from '@/lib/format';
import { useDeleteOrder } from '../api/delete-order';
import { useCampaignCreators } from '../api/get-campaign-creators';
import { useCampaignOrders, type CampaignOrder } from '../api/get-campaign-orders';
import { AddOrderDialog } from './AddOrderDialog';
import { ImportOrdersDialog } from './ImportOrdersDialog';

type OrdersPanelProps = { campaignId: string; currency: string; editable: boolean };

export function OrdersPanel({ campaignId, currency, editable }: OrdersPanelProps) {
  const ordersQuery = useCampaignOrders(campaignId);
  const entries = useCampaignCreators(campaignId).data ?? [];
  const deleteMutation = useDeleteOrder();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<CampaignOrder | null>(null);
  const shownDeleting = useLastNonNull(deleting);
  const closeDelete = () => {
    deleteMutation.reset();
    setDeleting(null);
  };

  return (
    <section aria-label="Orders">
      {editable && (
        <div className="d-flex flex-wrap gap-2 mb-3">
          <Button onClick={() => setAdding(true)}>Add order</Button>
          <Button variant="outline-secondary" onClick={() => setImporting(true)}>
            Import orders CSV
          </Button>
        </div>
      )}
      {ordersQuery.isPending && <LoadingState label="Loading orders…" />}
      {ordersQuery.isError && (
        <ErrorState
          title="Could not load the orders."
          error={ordersQuery.error}
          onRetry={() => void ordersQuery.refetch()}
        />
      )}
      {ordersQuery.isSuccess && ordersQuery.data.length === 0 && (
        <EmptyState title="No orders yet">
          Import your shop’s orders with the creators’ discount codes or UTM links, or add them by hand.
        </EmptyState>
      )}
      {ordersQuery.isSuccess && ordersQuery.data.length > 0 && (
        <WideTable>
          <Table size="sm" className="align-middle mb-0">
            <caption className="caption-top">Orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Order</th>
                <th scope="col">Creator</th>
                <th scope="col">Code</th>
                <th scope="col">UTM</th>
                <th scope="col" className="text-end">
                  Amount
                </th>
                <th scope="col">Source</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {[...ordersQuery.data]
                .sort((a, b) => b.ordered_at.localeCompare(a.ordered_at))
                .map((order) => (
                  <tr key={order.id}>
                    <td className="text-nowrap">{formatDay(order.ordered_at)}</td>
                    <td className="text-break">{order.order_id}</td>
                    <td>@{order.handle}</td>
                    <td>{order.code ? <code>{order.code}</code> : <span className="text-body-secondary">—</span>}</td>
                    <td className="text-break small">{order.utm ?? <span className="text-body-secondary">—</span>}</td>
                    <td className="text-end text-nowrap">
                      {formatMoney(order.amount, order.currency)}
                      {order.currency !== currency && (
                        <div className="small text-body-secondary">not in {currency}: reported apart</div>
                      )}
                    </td>
                    <td className="small">{describeSource(order.source)}</td>
                    {editable && (
                      <td>
                        <Button
                          variant="outline-danger"
                          size="sm"
                          onClick={() => setDeleting(order)}
                          aria-label={`Delete order ${order.order_id}`}
                        >
                          Delete
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
            </tbody>
          </Table>
        </WideTable>
      )}
      <AddOrderDialog
        key={String(adding)}
        campaignId={campaignId}
        show={adding}
        entries={entries}
        currency={currency}
        onClose={() => setAdding(false)}
      />
      <ImportOrdersDialog campaignId={campaignId} show={importing} onClose={() => setImporting(false)} />
      <ConfirmDialog
        show={deleting !== null}
        title={`Delete order ${shownDeleting?.order_id ?? ''}?`}
        confirmLabel="Delete order"
        pending={deleteMutation.isPending}
        error={deleteMutation.error}
        onCancel={closeDelete}
        onConfirm={() =>
          deleting && deleteMutation.mutate({ campaignId, orderId: deleting.id }, { onSuccess: closeDelete })
        }
      >
        <p className="mb-0">It stops counting towards @{shownDeleting?.handle}’s orders and revenue.</p>
      </ConfirmDialog>
    </section>
  );
}
