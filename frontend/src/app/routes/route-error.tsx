// Shown when a page fails to render or its code fails to load (for example after a deploy
// replaced the chunk this tab expected).
import { useRouteError } from 'react-router';
import { ErrorState } from '@/components/ui/ErrorState';

export function RouteError() {
  const error = useRouteError();
  return (
    <main id="main" tabIndex={-1} className="container py-5">
      <ErrorState title="This page could not be shown." error={error} onRetry={() => window.location.reload()} />
    </main>
  );
}
