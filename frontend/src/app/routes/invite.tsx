// /invite#zzi_…: the page an invitation link opens, logged in or not. It shows what the invitation
// offers. Someone without a session creates an account (with the invited address) or logs in right
// here and joins at once, so the token never leaves the page and no redirect can lose it. Someone
// already logged in joins with a click: opening a link alone never adds anyone to a workspace.
import { useState, type ReactNode } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import { Link, useLocation } from 'react-router';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { paths, secretFromHash } from '@/config/paths';
import { useLogout } from '@/features/auth/api/logout';
import { LoginForm } from '@/features/auth/components/LoginForm';
import { RegisterForm } from '@/features/auth/components/RegisterForm';
import { useAcceptInvitation } from '@/features/invitations/api/accept-invitation';
import { useInvitationPreview, type InvitationPreview } from '@/features/invitations/api/preview-invitation';
import { InvitationSummary } from '@/features/invitations/components/InvitationSummary';
import { useSwitchWorkspace } from '@/features/workspaces/hooks/use-switch-workspace';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { hasCode } from '@/lib/api/problem';
import { useSession } from '@/lib/auth/use-session';

type Choice = 'register' | 'login';

function Unavailable({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h1 className="h4">{title}</h1>
      <p>{children}</p>
      <Link to={paths.lists}>Go to zzyzx</Link>
    </>
  );
}

function SignInToJoin({
  email,
  choice,
  onChoose,
  onSignedIn,
}: {
  email: string;
  choice: Choice | null;
  onChoose: (choice: Choice) => void;
  onSignedIn: () => void;
}) {
  const switchTo = (other: Choice, words: string) => (
    <Button variant="link" className="p-0 align-baseline" onClick={() => onChoose(other)}>
      {words}
    </Button>
  );
  if (choice === 'register') {
    return (
      <>
        <h2 className="h5">Create your account</h2>
        <RegisterForm initialEmail={email} onSuccess={onSignedIn} />
        <p className="mt-3 mb-0 text-center">Already have an account? {switchTo('login', 'Log in')}</p>
      </>
    );
  }
  if (choice === 'login') {
    return (
      <>
        <h2 className="h5">Log in</h2>
        <LoginForm initialEmail={email} onSuccess={onSignedIn} />
        <p className="mt-3 mb-0 text-center">New to zzyzx? {switchTo('register', 'Create an account')}</p>
      </>
    );
  }
  return (
    <>
      <p>To join, create an account with {email}, or log in if you have one.</p>
      <div className="d-flex flex-wrap gap-2">
        <Button onClick={() => onChoose('register')}>Create account</Button>
        <Button variant="outline-primary" onClick={() => onChoose('login')}>
          Log in
        </Button>
      </div>
    </>
  );
}

function PendingInvitation({ token, preview }: { token: string; preview: InvitationPreview }) {
  const sessionState = useSession();
  const switchWorkspace = useSwitchWorkspace();
  const acceptMutation = useAcceptInvitation();
  const logoutMutation = useLogout();
  // Kept while the session starts, so the form that started it stays until joining begins.
  const [choice, setChoice] = useState<Choice | null>(null);

  const join = () => acceptMutation.mutate(token, { onSuccess: (workspace) => void switchWorkspace(workspace.id) });

  let action: ReactNode;
  if (sessionState.status === 'restoring') {
    action = <LoadingState label="Checking your session…" />;
  } else if (sessionState.status === 'anonymous' || (choice && acceptMutation.isIdle)) {
    action = <SignInToJoin email={preview.email} choice={choice} onChoose={setChoice} onSignedIn={join} />;
  } else if (
    sessionState.user.email.toLowerCase() !== preview.email.toLowerCase() ||
    hasCode(acceptMutation.error, 'invitation_for_another_email')
  ) {
    action = (
      <>
        <Alert variant="warning">
          You are logged in as {sessionState.user.email}, but this invitation is for {preview.email}. Log out, then log
          in or create an account with {preview.email}.
        </Alert>
        <Button
          disabled={logoutMutation.isPending}
          onClick={() =>
            logoutMutation.mutate(undefined, {
              onSettled: () => {
                acceptMutation.reset();
                setChoice(null);
              },
            })
          }
        >
          Log out
        </Button>
      </>
    );
  } else if (hasCode(acceptMutation.error, 'already_member')) {
    action = (
      <Alert variant="info">
        You are already a member of {preview.workspace_name}. Choose it in the workspace menu.{' '}
        <Link to={paths.lists}>Go to your lists</Link>
      </Alert>
    );
  } else {
    action = (
      <>
        <ProblemAlert error={acceptMutation.error} />
        <p>You are logged in as {sessionState.user.email}.</p>
        <Button disabled={acceptMutation.isPending || acceptMutation.isSuccess} onClick={join}>
          {acceptMutation.isPending ? 'Joining…' : `Join ${preview.workspace_name}`}
        </Button>
      </>
    );
  }

  return (
    <>
      <InvitationSummary preview={preview} />
      {action}
    </>
  );
}

function Invitation({ token }: { token: string }) {
  const previewQuery = useInvitationPreview(token);

  if (!token) {
    return (
      <Unavailable title="This invitation link is incomplete">
        Copy the whole link, including the part after #, and open it again.
      </Unavailable>
    );
  }
  if (previewQuery.isPending) return <LoadingState label="Opening the invitation…" />;
  if (previewQuery.isError) {
    if (hasCode(previewQuery.error, 'not_found')) {
      return (
        <Unavailable title="This invitation does not work">
          It was revoked, or the link was copied incompletely. Ask whoever invited you for a new one.
        </Unavailable>
      );
    }
    return (
      <ErrorState
        title="Could not open the invitation."
        error={previewQuery.error}
        onRetry={() => void previewQuery.refetch()}
      />
    );
  }
  const preview = previewQuery.data;
  if (preview.status === 'accepted') {
    return (
      <Unavailable title="This invitation has been used">
        Someone accepted it already. If that was you, {preview.workspace_name} is in your workspace menu.
      </Unavailable>
    );
  }
  if (preview.status === 'expired') {
    return (
      <Unavailable title="This invitation has expired">
        Ask {preview.invited_by ?? 'whoever invited you'} for a new one.
      </Unavailable>
    );
  }
  return <PendingInvitation token={token} preview={preview} />;
}

export function InviteRoute() {
  useDocumentTitle('Invitation');
  const { hash } = useLocation();
  const token = secretFromHash(hash);
  return (
    <div className="mx-auto" style={{ maxWidth: '34rem' }}>
      <Card body className="shadow-sm">
        <Invitation key={token} token={token} />
      </Card>
    </div>
  );
}
