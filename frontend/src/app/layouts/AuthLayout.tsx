// The frame of the login and registration pages. Someone already logged in is sent on.
import Card from 'react-bootstrap/Card';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingState } from '@/components/ui/LoadingState';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth/use-session';
import { redirectTarget } from '../redirect';

export function AuthLayout() {
  const sessionState = useSession();
  const location = useLocation();

  if (sessionState.status === 'authenticated')
    return <Navigate to={redirectTarget(location.state) ?? paths.lists} replace />;

  return (
    <main id="main" tabIndex={-1} className="container py-5">
      <div className="mx-auto" style={{ maxWidth: '26rem' }}>
        <p className="text-center fs-2 fw-bold mb-4" aria-hidden="true">
          zzyzx
        </p>
        <Card body className="shadow-sm">
          {sessionState.status === 'restoring' ? <LoadingState label="Checking your session…" /> : <Outlet />}
        </Card>
      </div>
    </main>
  );
}
