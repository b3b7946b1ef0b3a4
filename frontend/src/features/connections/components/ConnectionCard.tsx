// The creator's own TikTok account, as the brand sees it on the creator's page: not connected, a link
// waiting for the creator, connected (when zzyzx last and next reads it), or ended and why. Editors
// make the connect link to send (shown once) and can end the connection.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { OneTimeSecret } from '@/components/ui/OneTimeSecret';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { formatDateTime, formatDay, formatRelativeTime } from '@/lib/format';
import { useCreateConnectLink, type CreatedConnectLink } from '../api/create-connect-link';
import { useDisconnectCreator } from '../api/disconnect-creator';
import { useConnection, type Connection } from '../api/get-connection';
import { describeScope } from './ScopeList';

const STATUS = {
  pending: { label: 'Link sent', bg: 'info' },
  connected: { label: 'Connected', bg: 'success' },
  revoked: { label: 'Revoked on TikTok', bg: 'warning' },
  disconnected: { label: 'Disconnected', bg: 'secondary' },
} as const;

function When({ iso }: { iso: string }) {
  return <span title={formatDateTime(iso)}>{formatRelativeTime(iso)}</span>;
}

function ConnectionState({ connection, handle }: { connection: Connection; handle: string }) {
  switch (connection.status) {
    case 'pending':
      return (
        <p className="mb-2">
          Waiting for @{handle} to open the link (<code>{connection.link_prefix}…</code>, made{' '}
          {formatDay(connection.updated_at)}
          {connection.created_by && ` by ${connection.created_by}`}) and authorize zzyzx on TikTok.
          {connection.last_error && (
            <span className="d-block small text-warning-emphasis mt-1">
              The last attempt did not connect: {connection.last_error}
            </span>
          )}
        </p>
      );
    case 'connected':
      return (
        <>
          <p className="mb-2">
            Connected since {connection.connected_at ? formatDay(connection.connected_at) : 'recently'}. Their exact
            counts and videos are read every 6 hours, labelled “connected” and seen only by this workspace
            {connection.last_synced_at ? (
              <>
                ; last read <When iso={connection.last_synced_at} />
              </>
            ) : (
              '; first read in a moment'
            )}
            {connection.next_sync_at && (
              <>
                , next <When iso={connection.next_sync_at} />
              </>
            )}
            .
          </p>
          <p className="small text-body-secondary mb-2">Granted: {connection.scopes.map(describeScope).join('; ')}.</p>
          {connection.last_error && (
            <p className="small text-warning-emphasis mb-2">The last read failed: {connection.last_error}</p>
          )}
        </>
      );
    case 'revoked':
      return (
        <p className="mb-2">
          {connection.last_error ?? 'TikTok no longer accepts the authorization.'} The numbers read so far stay. @
          {handle} can connect again from the same link.
        </p>
      );
    case 'disconnected':
      return (
        <p className="mb-2">
          {connection.last_error ?? 'Disconnected.'} The numbers read so far stay; the tokens were deleted. @{handle}{' '}
          can connect again from the same link.
        </p>
      );
  }
}

export function ConnectionCard({
  creatorId,
  handle,
  canEdit,
}: {
  creatorId: string;
  handle: string;
  canEdit: boolean;
}) {
  const connectionQuery = useConnection(creatorId);
  const createMutation = useCreateConnectLink(creatorId);
  const disconnectMutation = useDisconnectCreator(creatorId);
  const [created, setCreated] = useState<CreatedConnectLink | null>(null);
  const [confirming, setConfirming] = useState(false);

  let body;
  if (connectionQuery.isPending) {
    body = <LoadingState label="Loading the connection…" />;
  } else if (connectionQuery.isError) {
    body = (
      <ErrorState
        title="Could not load the connection."
        error={connectionQuery.error}
        onRetry={() => void connectionQuery.refetch()}
      />
    );
  } else {
    const connection = connectionQuery.data;
    body = (
      <>
        {connection ? (
          <ConnectionState connection={connection} handle={handle} />
        ) : (
          <p className="mb-2">
            Not connected. Send @{handle} a connect link: once they authorize zzyzx on TikTok, you see their exact
            counts and videos (and, for a business account, their audience), without any data source.
          </p>
        )}
        <ProblemAlert error={createMutation.error} />
        {created && (
          <OneTimeSecret
            label="Connect link"
            value={`${window.location.origin}${created.path}`}
            onDone={() => setCreated(null)}
          >
            <p className="mb-0">
              Send it to @{handle}. It is shown only now; making a new one retires it. It lets them connect and
              disconnect, nothing else.
            </p>
          </OneTimeSecret>
        )}
        {canEdit && (
          <div className="d-flex flex-wrap gap-2">
            <Button
              variant={connection ? 'outline-primary' : 'primary'}
              size="sm"
              disabled={createMutation.isPending}
              onClick={() => createMutation.mutate(undefined, { onSuccess: setCreated })}
            >
              {connection ? 'New connect link' : 'Create connect link'}
            </Button>
            {connection?.status === 'connected' && (
              <Button variant="outline-danger" size="sm" onClick={() => setConfirming(true)}>
                Disconnect
              </Button>
            )}
          </div>
        )}
      </>
    );
  }

  const status = connectionQuery.data ? STATUS[connectionQuery.data.status] : null;
  return (
    <Card as="section" aria-labelledby="connection-title" className="mb-4">
      <Card.Body>
        <h2 id="connection-title" className="h5 d-flex align-items-center gap-2">
          Connected account
          {status && <Badge bg={status.bg}>{status.label}</Badge>}
        </h2>
        {body}
      </Card.Body>
      <ConfirmDialog
        show={confirming}
        title={`Disconnect @${handle}?`}
        confirmLabel="Disconnect"
        pending={disconnectMutation.isPending}
        error={disconnectMutation.error}
        onConfirm={() => disconnectMutation.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onCancel={() => {
          disconnectMutation.reset();
          setConfirming(false);
        }}
      >
        zzyzx stops reading their account and asks TikTok to revoke its access. The numbers read so far stay. They can
        connect again from their link.
      </ConfirmDialog>
    </Card>
  );
}
