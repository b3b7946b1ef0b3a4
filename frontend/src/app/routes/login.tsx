// /login
import Alert from 'react-bootstrap/Alert';
import { Link, useLocation, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { LoginForm } from '@/features/auth/components/LoginForm';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { redirectTarget, sessionExpired } from '../redirect';

export function LoginRoute() {
  useDocumentTitle('Log in');
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <h1 className="h4 mb-3">Log in</h1>
      {sessionExpired(location.state) && <Alert variant="info">Your session ended. Please log in again.</Alert>}
      <LoginForm onSuccess={() => navigate(redirectTarget(location.state) ?? paths.lists, { replace: true })} />
      <p className="mt-3 mb-0 text-center">
        New to zzyzx? <Link to={paths.register}>Create an account</Link>
      </p>
    </>
  );
}
