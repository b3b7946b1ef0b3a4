// The creator's own TikTok account, as the brand sees it on the creator's page: not connected, a link
// waiting for the creator, connected (when zzyzx last and next reads it), or ended and why; and whether
// they also share their business account's audience. Editors make the connect link to send (shown
// once) and can end the connection, or only the audience sharing.
import { useState, type ReactNode } from 'react';
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
import { useDisconnectCreatorBusiness } from '../api/disconnect-creator-business';
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

const BUSINESS_STATUS = {
  not_connected: { label: 'Not shared', bg: 'secondary' },
  pending: { label: 'Not shared yet', bg: 'info' },
  connected: { label: 'Shared', bg: 'success' },
  revoked: { label: 'Revoked on TikTok', bg: 'warning' },
  disconnected: { label: 'Stopped', bg: 'secondary' },
} as const;

/** The business audience part: whether the creator shares it, when it was read, and why not. */
function BusinessAccess({
  connection,
  handle,
  canEdit,
  onStop,
}: {
  connection: Connection;
  handle: string;
  canEdit: boolean;
  onStop: () => void;
}) {
  const business = connection.business;
  let text: ReactNode;
  switch (business.status) {
    case 'not_connected':
      if (connection.status !== 'connected') return null;
      text = business.disabled_reason
        ? `Not available on this server: ${business.disabled_reason}`
        : `Not shared. If @${handle} has a business account, they can share its audience (countries, genders, ages) from their connect link.`;
      break;
    case 'pending':
      text = (
        <>
          @{handle} started to share their audience on TikTok but did not finish.
          {business.last_error && <span className="d-block text-warning-emphasis">{business.last_error}</span>}
        </>
      );
      break;
    case 'connected':
      text = (
        <>
          Shared by their business account
          {business.connected_at && ` since ${formatDay(business.connected_at)}`}, read weekly through the TikTok API
          for Business
          {business.last_read_at && (
            <>
              ; last read <When iso={business.last_read_at} />
            </>
          )}
          . The audience appears under Audience, labelled as the connected account’s.
          {business.last_error && (
            <span className="d-block text-warning-emphasis">The last read: {business.last_error}</span>
          )}
        </>
      );
      break;
    case 'revoked':
      text = `${business.last_error ?? 'TikTok no longer accepts the business authorization.'} The audience read so far stays; @${handle} can share again from the same link.`;
      break;
    case 'disconnected':
      text = `${business.last_error ?? 'No longer shared.'} The audience read so far stays.`;
      break;
  }
  const status = BUSINESS_STATUS[business.status];
  return (
    <section aria-labelledby="business-access-title" className="border-top pt-2 mb-2">
      <h3 id="business-access-title" className="h6 d-flex align-items-center gap-2 mb-1">
        Audience demographics
        <Badge bg={status.bg}>{status.label}</Badge>
      </h3>
      <p className="small mb-2">{text}</p>
      {canEdit && business.status === 'connected' && (
        <Button variant="outline-secondary" size="sm" className="mb-2" onClick={onStop}>
          Stop reading the audience
        </Button>
      )}
    </section>
  );
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
  const stopBusinessMutation = useDisconnectCreatorBusiness(creatorId);
  const [created, setCreated] = useState<CreatedConnectLink | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [stoppingBusiness, setStoppingBusiness] = useState(false);

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
          <>
            <ConnectionState connection={connection} handle={handle} />
            <BusinessAccess
              connection={connection}
              handle={handle}
              canEdit={canEdit}
              onStop={() => setStoppingBusiness(true)}
            />
          </>
        ) : (
          <p className="mb-2">
            Not connected. Send @{handle} a connect link: once they authorize zzyzx on TikTok, you see their exact
            counts and videos (and, if they also share it from a business account, their audience), without any data
            source.
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
      <ConfirmDialog
        show={stoppingBusiness}
        title={`Stop reading @${handle}’s audience?`}
        confirmLabel="Stop reading"
        pending={stopBusinessMutation.isPending}
        error={stopBusinessMutation.error}
        onConfirm={() => stopBusinessMutation.mutate(undefined, { onSuccess: () => setStoppingBusiness(false) })}
        onCancel={() => {
          stopBusinessMutation.reset();
          setStoppingBusiness(false);
        }}
      >
        zzyzx asks TikTok to revoke the business authorization and stops reading their audience. Their account stays
        connected, and the audience read so far stays. They can share it again from their link.
      </ConfirmDialog>
    </Card>
  );
}
