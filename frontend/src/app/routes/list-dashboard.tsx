// /lists/:listId/dashboard: one list's creators side by side, sortable, with totals and CSV export;
// editors add the whole list to a campaign, and owners share it as a public, read-only link.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import { Link, useParams } from 'react-router';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { PageHeader } from '@/components/ui/PageHeader';
import { paths } from '@/config/paths';
import { AddToCampaignMenu } from '@/features/campaigns/components/AddToCampaignMenu';
import { ListDashboard } from '@/features/dashboard/components/ListDashboard';
import { useList } from '@/features/lists/api/get-list';
import { ListTabs } from '@/features/lists/components/ListTabs';
import { ShareLinksDialog } from '@/features/share-links/components/ShareLinksDialog';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { hasCode } from '@/lib/api/problem';
import { useCanEdit, useIsOwner } from '@/lib/auth/roles';

export function ListDashboardRoute() {
  const { listId = '' } = useParams();
  const listQuery = useList(listId);
  const isOwner = useIsOwner();
  const canEdit = useCanEdit();
  const [sharing, setSharing] = useState(false);
  useDocumentTitle(listQuery.data ? `${listQuery.data.name}: dashboard` : 'Dashboard');

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
        {canEdit && list.item_count > 0 && (
          <AddToCampaignMenu add={{ list_id: list.id }} subject={`every creator of ${list.name}`} small={false} />
        )}
        {isOwner && (
          <Button variant="outline-primary" onClick={() => setSharing(true)}>
            Share
          </Button>
        )}
      </PageHeader>
      <ListTabs listId={list.id} />
      <ListDashboard listId={list.id} />
      {isOwner && (
        <ShareLinksDialog
          target={{ kind: 'list', id: list.id }}
          name={list.name}
          show={sharing}
          onClose={() => setSharing(false)}
        />
      )}
    </>
  );
}
