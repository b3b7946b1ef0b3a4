// /lists/:listId: one list's creators, and the CSV import of metric history.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import { Link, useParams } from 'react-router';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { PageHeader } from '@/components/ui/PageHeader';
import { paths } from '@/config/paths';
import { ListItemsPanel } from '@/features/list-items/components/ListItemsPanel';
import { useList } from '@/features/lists/api/get-list';
import { ListTabs } from '@/features/lists/components/ListTabs';
import { ImportMetricsDialog } from '@/features/metric-import/components/ImportMetricsDialog';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { hasCode } from '@/lib/api/problem';
import { useCanEdit } from '@/lib/auth/roles';

export function ListRoute() {
  const { listId = '' } = useParams();
  const listQuery = useList(listId);
  const [importing, setImporting] = useState(false);
  const canEdit = useCanEdit();
  useDocumentTitle(listQuery.data?.name ?? 'List');

  if (listQuery.isPending) return <LoadingState label="Loading list…" />;
  if (listQuery.isError) {
    if (hasCode(listQuery.error, 'not_found')) {
      return (
        <ErrorState title="This list does not exist, or it belongs to another workspace." error={listQuery.error} />
      );
    }
    return (
      <ErrorState title="Could not load this list." error={listQuery.error} onRetry={() => void listQuery.refetch()} />
    );
  }
  const list = listQuery.data;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2">
        <Link to={paths.lists}>← All lists</Link>
      </nav>
      <PageHeader title={list.name} subtitle={list.description || undefined}>
        {canEdit && (
          <Button variant="outline-secondary" onClick={() => setImporting(true)}>
            Import CSV
          </Button>
        )}
      </PageHeader>
      <ListTabs listId={list.id} />
      <ListItemsPanel listId={list.id} />
      <ImportMetricsDialog show={importing} onClose={() => setImporting(false)} />
    </>
  );
}
