// /connect#zzc_…: the page a brand's connect link opens, for a creator without a zzyzx account. It
// says who asks, for which account and what they will see; "Connect with TikTok" goes to TikTok's
// consent page, which comes back to /connect/done. A connected creator disconnects here, and may take
// a second, optional step: sharing their business account's audience (the API for Business's own
// authorization), which they can stop here too.
import { useState, type ReactNode } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { ErrorState } from '@/components/ui/ErrorState';
import { LinkDoesNotWork } from '@/components/ui/LinkDoesNotWork';
import { LoadingState } from '@/components/ui/LoadingState';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useLocation } from 'react-router';
import { secretFromHash } from '@/config/paths';
import {
  useConnectPreview,
  useDisconnectBusinessByLink,
  useDisconnectByLink,
  useStartAuthorization,
  useStartBusinessAuthorization,
  type ConnectPreview,
} from '@/features/connections/api/connect-link';
import { ScopeList } from '@/features/connections/components/ScopeList';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { hasCode } from '@/lib/api/problem';
import { formatDay } from '@/lib/format';

/** The optional second step, once connected: sharing a business account's audience, or stopping. */
function BusinessAudience({ token, preview }: { token: string; preview: ConnectPreview }) {
  const authorizeMutation = useStartBusinessAuthorization();
  const disconnectMutation = useDisconnectBusinessByLink(token);
  const [confirming, setConfirming] = useState(false);
  const business = preview.business;
  // Off on this server: nothing to offer, and nothing for the creator to fix.
  if (business.disabled_reason) return null;

  const leaving = authorizeMutation.isPending || authorizeMutation.isSuccess;
  const share = (
    <Button variant="outline-primary" disabled={leaving} onClick={() => authorizeMutation.mutate(token)}>
      {leaving ? 'Opening TikTok…' : 'Share audience demographics (business account)'}
    </Button>
  );
  let state: ReactNode;
  switch (business.status) {
    case 'connected':
      state = (
        <>
          <p className="mb-2">
            You share your audience demographics with {preview.workspace_name}
            {business.connected_at && ` since ${formatDay(business.connected_at)}`}.
          </p>
          <Button variant="outline-secondary" size="sm" onClick={() => setConfirming(true)}>
            Stop sharing audience demographics
          </Button>
        </>
      );
      break;
    case 'revoked':
      state = (
        <>
          <Alert variant="info">TikTok no longer accepts your business authorization. Share again to renew it.</Alert>
          {share}
        </>
      );
      break;
    case 'disconnected':
      state = (
        <>
          <p className="small text-body-secondary">You stopped sharing them. You can share them again.</p>
          {share}
        </>
      );
      break;
    default:
      state = share;
  }
  return (
    <section aria-labelledby="business-audience-title" className="border-top mt-3 pt-3">
      <h2 id="business-audience-title" className="h6">
        Audience demographics (business account)
      </h2>
      <p>
        If @{preview.handle} is a TikTok business account, you can also let {preview.workspace_name} see your audience’s
        top countries, genders and age groups, as TikTok reports them for business accounts with at least 100 followers.
        It is a second authorization on TikTok (the API for Business), read weekly; it shares nothing else.
      </p>
      <ProblemAlert error={authorizeMutation.error} />
      {state}
      <ConfirmDialog
        show={confirming}
        title="Stop sharing audience demographics?"
        confirmLabel="Stop sharing"
        pending={disconnectMutation.isPending}
        error={disconnectMutation.error}
        onConfirm={() => disconnectMutation.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onCancel={() => {
          disconnectMutation.reset();
          setConfirming(false);
        }}
      >
        {preview.workspace_name} stops getting your audience demographics, and zzyzx asks TikTok to revoke this
        authorization. Your account stays connected, and what they saw until now stays with them.
      </ConfirmDialog>
    </section>
  );
}

function ConnectAction({ token, preview }: { token: string; preview: ConnectPreview }) {
  const authorizeMutation = useStartAuthorization();
  const disconnectMutation = useDisconnectByLink(token);
  const [confirming, setConfirming] = useState(false);

  if (preview.disabled_reason) {
    return (
      <Alert variant="warning" className="mb-0">
        Connecting is not possible right now: this zzyzx is not set up for it. Let {preview.workspace_name} know.
      </Alert>
    );
  }
  const connect = (
    <Button
      disabled={authorizeMutation.isPending || authorizeMutation.isSuccess}
      onClick={() => authorizeMutation.mutate(token)}
    >
      {authorizeMutation.isPending || authorizeMutation.isSuccess ? 'Opening TikTok…' : 'Connect with TikTok'}
    </Button>
  );
  let action: ReactNode;
  if (preview.status === 'connected') {
    action = (
      <>
        <Alert variant="success">
          @{preview.handle} is connected{preview.connected_at && ` since ${formatDay(preview.connected_at)}`}.
        </Alert>
        <Button variant="outline-danger" onClick={() => setConfirming(true)}>
          Disconnect
        </Button>
        <BusinessAudience token={token} preview={preview} />
      </>
    );
  } else {
    action = (
      <>
        {preview.status === 'revoked' && (
          <Alert variant="info">TikTok no longer accepts your earlier authorization. Connect again to renew it.</Alert>
        )}
        {preview.status === 'disconnected' && (
          <Alert variant="info">You disconnected this account. You can connect it again.</Alert>
        )}
        {connect}
      </>
    );
  }
  return (
    <>
      <ProblemAlert error={authorizeMutation.error} />
      {action}
      <ConfirmDialog
        show={confirming}
        title={`Disconnect @${preview.handle}?`}
        confirmLabel="Disconnect"
        pending={disconnectMutation.isPending}
        error={disconnectMutation.error}
        onConfirm={() => disconnectMutation.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onCancel={() => {
          disconnectMutation.reset();
          setConfirming(false);
        }}
      >
        {preview.workspace_name} stops seeing new numbers from your account, and zzyzx asks TikTok to revoke its access.
        What they saw until now stays with them.
      </ConfirmDialog>
    </>
  );
}

function ConnectLink({ token }: { token: string }) {
  const previewQuery = useConnectPreview(token);
  if (!token) return <LinkDoesNotWork />;
  if (previewQuery.isPending) return <LoadingState label="Opening the link…" />;
  if (previewQuery.isError) {
    if (hasCode(previewQuery.error, 'not_found')) return <LinkDoesNotWork />;
    return (
      <ErrorState
        title="Could not open the link."
        error={previewQuery.error}
        onRetry={() => void previewQuery.refetch()}
      />
    );
  }
  const preview = previewQuery.data;
  return (
    <Card body className="shadow-sm">
      <h1 className="h4">Connect your TikTok account</h1>
      <p>
        <strong>{preview.workspace_name}</strong> asks to see the numbers of your TikTok account{' '}
        <strong>@{preview.handle}</strong>. With your permission, they will see:
      </p>
      <ScopeList scopes={preview.scopes} />
      <p>
        They cannot post, message or change anything, and only {preview.workspace_name} sees these numbers. Only @
        {preview.handle} can connect through this link; you can disconnect here at any time. Once connected, a business
        account can also share its audience demographics, as a separate choice.
      </p>
      <ConnectAction token={token} preview={preview} />
    </Card>
  );
}

export function ConnectRoute() {
  useDocumentTitle('Connect your TikTok account');
  const { hash } = useLocation();
  const token = secretFromHash(hash);
  return (
    <div className="mx-auto" style={{ maxWidth: '40rem' }}>
      <ConnectLink key={token} token={token} />
    </div>
  );
}
