// POST /lists/{list_id}/items/{item_id}/move: puts one item at a new place.
//
// The new order shows at once and is undone if the server refuses it. Moves of one list run one
// after another, each naming the version the previous one produced, so quick successive drags do
// not trip over each other; a 409 `stale_version` means someone else changed the list meanwhile.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { listItemsQueryKey, type ListItems } from './get-list-items';

export type MoveListItemInput = { itemId: string; toIndex: number };

export function moveListItem(listId: string, itemId: string, body: { version: number; position: number }) {
  return unwrap(
    apiClient.POST('/api/v1/lists/{list_id}/items/{item_id}/move', {
      params: { path: { list_id: listId, item_id: itemId } },
      body,
    }),
  );
}

/** The list with one item taken out and put back at `toIndex`, positions renumbered. */
export function withItemMoved(list: ListItems, itemId: string, toIndex: number): ListItems {
  const fromIndex = list.items.findIndex((item) => item.id === itemId);
  if (fromIndex < 0 || fromIndex === toIndex) return list;
  const items = [...list.items];
  const [moved] = items.splice(fromIndex, 1);
  if (!moved) return list;
  items.splice(toIndex, 0, moved);
  return { ...list, items: items.map((item, position) => ({ ...item, position })) };
}

/**
 * `onFailed` hears about every refused move, including one that was queued behind a later drag
 * (the mutation's own error state only tracks the latest).
 */
export function useMoveListItem(listId: string, { onFailed }: { onFailed?: (error: unknown) => void } = {}) {
  const queryClient = useQueryClient();
  const queryKey = listItemsQueryKey(listId);

  return useMutation({
    scope: { id: `reorder-list-${listId}` },
    mutationFn: ({ itemId, toIndex }: MoveListItemInput) => {
      // Read at run time, not when the drag ended: an earlier move may have bumped the version.
      const version = queryClient.getQueryData<ListItems>(queryKey)?.version;
      if (version === undefined) throw new Error('The list is not loaded yet.');
      return moveListItem(listId, itemId, { version, position: toIndex });
    },
    onMutate: async ({ itemId, toIndex }) => {
      // A refetch landing now would put the old order back under the user's hand.
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<ListItems>(queryKey);
      if (previous) queryClient.setQueryData(queryKey, withItemMoved(previous, itemId, toIndex));
      return { previous };
    },
    onSuccess: ({ version }) => {
      queryClient.setQueryData<ListItems>(queryKey, (current) => current && { ...current, version });
    },
    onError: (error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      onFailed?.(error);
      // Then show what the list looks like now, including whatever change beat ours.
      return queryClient.invalidateQueries({ queryKey });
    },
  });
}
