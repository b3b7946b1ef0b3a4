// A list's creators: add one, reorder, edit notes and tags, remove (editors and owners; viewers
// only see them). A creator just added is scrolled into view and highlighted for a moment. A refused
// reorder is undone on screen and explained.
import { useEffect, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { describeError, hasCode } from '@/lib/api/problem';
import { useCanEdit } from '@/lib/auth/roles';
import { useListItems, type ListItem } from '../api/get-list-items';
import { useMoveListItem } from '../api/move-list-item';
import { AddCreatorForm } from './AddCreatorForm';
import { EditItemDialog } from './EditItemDialog';
import { RemoveItemDialog } from './RemoveItemDialog';
import { SortableItemList } from './SortableItemList';

/** How long a creator just added stays highlighted. */
export const JUST_ADDED_MS = 2500;

/** The item added last, for as long as it is highlighted. */
function useJustAdded(): [string | null, (itemId: string) => void] {
  const [itemId, setItemId] = useState<string | null>(null);
  useEffect(() => {
    if (itemId === null) return;
    const timer = setTimeout(() => setItemId(null), JUST_ADDED_MS);
    return () => clearTimeout(timer);
  }, [itemId]);
  return [itemId, setItemId];
}

function MoveFailedAlert({ error, onDismiss }: { error: unknown; onDismiss: () => void }) {
  const message = hasCode(error, 'stale_version')
    ? 'This list was changed somewhere else (another tab or a teammate) before your move was saved, so the move was undone. The current order is shown; please move the creator again.'
    : `Your move could not be saved and was undone: ${describeError(error)}`;
  return (
    <Alert variant="warning" dismissible onClose={onDismiss} role="alert">
      {message}
    </Alert>
  );
}

export function ListItemsPanel({ listId }: { listId: string }) {
  const itemsQuery = useListItems(listId);
  const canEdit = useCanEdit();
  const [moveError, setMoveError] = useState<unknown>(null);
  const moveMutation = useMoveListItem(listId, { onFailed: setMoveError });
  const [editing, setEditing] = useState<ListItem | null>(null);
  const [removing, setRemoving] = useState<ListItem | null>(null);
  const [justAdded, setJustAdded] = useJustAdded();

  const move = (itemId: string, toIndex: number) => {
    setMoveError(null);
    moveMutation.mutate({ itemId, toIndex });
  };

  return (
    <section aria-label="Creators">
      {canEdit && <AddCreatorForm listId={listId} onAdded={(item) => setJustAdded(item.id)} />}
      {moveError !== null && <MoveFailedAlert error={moveError} onDismiss={() => setMoveError(null)} />}

      {itemsQuery.isPending && <LoadingState label="Loading creators…" />}
      {itemsQuery.isError && (
        <ErrorState
          title="Could not load this list's creators."
          error={itemsQuery.error}
          onRetry={() => void itemsQuery.refetch()}
        />
      )}
      {itemsQuery.isSuccess && itemsQuery.data.items.length === 0 && (
        <EmptyState title="No creators in this list yet">
          {canEdit && 'Paste a TikTok handle or profile link above, or import a CSV of history.'}
        </EmptyState>
      )}
      {itemsQuery.isSuccess && itemsQuery.data.items.length > 0 && (
        <SortableItemList
          items={itemsQuery.data.items}
          editable={canEdit}
          highlightedId={justAdded}
          onMove={move}
          onEdit={setEditing}
          onRemove={setRemoving}
        />
      )}

      <EditItemDialog key={editing?.id ?? 'none'} listId={listId} item={editing} onClose={() => setEditing(null)} />
      <RemoveItemDialog listId={listId} item={removing} onClose={() => setRemoving(null)} />
    </section>
  );
}
