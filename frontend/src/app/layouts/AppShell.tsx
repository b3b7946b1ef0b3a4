// The frame of every page behind login: the navbar and the main region. Without a session it
// sends the visitor to log in, remembering where they were going.
import Alert from 'react-bootstrap/Alert';
import Container from 'react-bootstrap/Container';
import Nav from 'react-bootstrap/Nav';
import Navbar from 'react-bootstrap/Navbar';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { LoadingState } from '@/components/ui/LoadingState';
import { paths } from '@/config/paths';
import { AlertsBell } from '@/features/alerts/components/AlertsBell';
import { useLogout } from '@/features/auth/api/logout';
import { WorkspaceSwitcher } from '@/features/workspaces/components/WorkspaceSwitcher';
import { useSession } from '@/lib/auth/use-session';
import type { LoginRedirectState } from '../redirect';

function UserMenu({ name }: { name: string }) {
  const logoutMutation = useLogout();
  return (
    <div className="d-flex align-items-center gap-3 py-2 py-md-0">
      <span className="navbar-text text-light">
        <span className="visually-hidden">Logged in as </span>
        {name}
      </span>
      <button
        type="button"
        className="btn btn-outline-light btn-sm"
        disabled={logoutMutation.isPending}
        onClick={() => logoutMutation.mutate()}
      >
        Log out
      </button>
    </div>
  );
}

export function AppShell() {
  const sessionState = useSession();
  const location = useLocation();

  if (sessionState.status === 'restoring') {
    return (
      <main id="main" tabIndex={-1} className="container">
        <LoadingState label="Checking your session…" />
      </main>
    );
  }
  if (sessionState.status === 'anonymous') {
    // After logging out, the next person starts fresh; otherwise come back here after logging in.
    const state: LoginRedirectState | undefined =
      sessionState.reason === 'logged_out' ? undefined : { from: location, expired: sessionState.reason === 'expired' };
    return <Navigate to={paths.login} replace state={state} />;
  }

  return (
    <>
      <Navbar expand="md" bg="dark" data-bs-theme="dark" className="mb-4" as="header" role="banner">
        <Container>
          <Navbar.Brand as={NavLink} to={paths.lists}>
            zzyzx
          </Navbar.Brand>
          {/* Beside the menu button on a phone, so the count shows without opening the menu; last on wider screens. */}
          <div className="d-flex align-items-center gap-2 order-md-last ms-md-3">
            {sessionState.workspace && <AlertsBell />}
            <Navbar.Toggle aria-controls="main-navigation" />
          </div>
          <Navbar.Collapse id="main-navigation">
            <Nav as="nav" aria-label="Main" className="me-auto">
              <Nav.Link as={NavLink} to={paths.lists}>
                Lists
              </Nav.Link>
              <Nav.Link as={NavLink} to={paths.hashtags}>
                Hashtags
              </Nav.Link>
              <Nav.Link as={NavLink} to={paths.rising}>
                Rising
              </Nav.Link>
              <Nav.Link as={NavLink} to={paths.campaigns}>
                Campaigns
              </Nav.Link>
              <Nav.Link as={NavLink} to={paths.settings}>
                Settings
              </Nav.Link>
            </Nav>
            <div className="d-flex flex-wrap align-items-center gap-3">
              <WorkspaceSwitcher workspaces={sessionState.workspaces} current={sessionState.workspace} />
              <UserMenu name={sessionState.user.display_name} />
            </div>
          </Navbar.Collapse>
        </Container>
      </Navbar>
      <main id="main" tabIndex={-1} className="container pb-5">
        {sessionState.workspace ? (
          <Outlet />
        ) : (
          // Possible only after leaving every workspace: nothing here can load without one.
          <Alert variant="info">
            You are not a member of any workspace. Ask a workspace’s owner for an invitation link.
          </Alert>
        )}
      </main>
    </>
  );
}
