// Every list of the workspace with its size and the actions on it.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import ListGroup from 'react-bootstrap/ListGroup';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { useCanEdit } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { useLists, type List } from '../api/get-lists';
import { DeleteListDialog } from './DeleteListDialog';
import { RenameListDialog } from './RenameListDialog';

export function ListsOverview() {
  const listsQuery = useLists();
  const canEdit = useCanEdit();
  const [renaming, setRenaming] = useState<List | null>(null);
  const [deleting, setDeleting] = useState<List | null>(null);

  if (listsQuery.isPending) return <LoadingState label="Loading lists…" />;
  if (listsQuery.isError) {
    return (
      <ErrorState
        title="Could not load your lists."
        error={listsQuery.error}
        onRetry={() => void listsQuery.refetch()}
      />
    );
  }
  if (listsQuery.data.length === 0) {
    return (
      <EmptyState title="No lists yet">
        {canEdit
          ? 'Create a list, then add the TikTok creators you want to follow. zzyzx records their numbers every day from then on.'
          : 'Lists this workspace’s editors make show up here.'}
      </EmptyState>
    );
  }

  return (
    <>
      <ListGroup as="ul" aria-label="Your lists">
        {listsQuery.data.map((list) => (
          <ListGroup.Item as="li" key={list.id} className="d-flex flex-wrap align-items-center gap-3 py-3">
            <div className="flex-grow-1 min-w-0">
              <Link to={paths.list(list.id)} className="fw-semibold fs-5 text-break">
                {list.name}
              </Link>{' '}
              <Badge bg="secondary" pill>
                {list.item_count} {list.item_count === 1 ? 'creator' : 'creators'}
              </Badge>
              {list.description && <div className="text-body-secondary text-break">{list.description}</div>}
              <div className="small text-body-secondary">Updated {formatDateTime(list.updated_at)}</div>
            </div>
            {canEdit && (
              <div className="d-flex gap-2">
                <Button
                  variant="outline-secondary"
                  size="sm"
                  onClick={() => setRenaming(list)}
                  aria-label={`Rename ${list.name}`}
                >
                  Rename
                </Button>
                <Button
                  variant="outline-danger"
                  size="sm"
                  onClick={() => setDeleting(list)}
                  aria-label={`Delete ${list.name}`}
                >
                  Delete
                </Button>
              </div>
            )}
          </ListGroup.Item>
        ))}
      </ListGroup>
      <RenameListDialog list={renaming} onClose={() => setRenaming(null)} />
      <DeleteListDialog list={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
