// Any address the app does not know.
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/EmptyState';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <EmptyState title="Page not found">
      Nothing lives at this address. <Link to={paths.lists}>Go to your lists</Link>.
    </EmptyState>
  );
}
