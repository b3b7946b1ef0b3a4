// /register
import { Link, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { RegisterForm } from '@/features/auth/components/RegisterForm';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function RegisterRoute() {
  useDocumentTitle('Create an account');
  const navigate = useNavigate();
  return (
    <>
      <h1 className="h4 mb-3">Create an account</h1>
      <RegisterForm onSuccess={() => navigate(paths.lists, { replace: true })} />
      <p className="mt-3 mb-0 text-center">
        Already have an account? <Link to={paths.login}>Log in</Link>
      </p>
    </>
  );
}
