// The list's creators in order, reorderable by drag and drop with a mouse, a finger or the
// keyboard. Screen readers hear where the creator is at every step.
import {
  DndContext,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { ListItem } from '../api/get-list-items';
import { SortableItemRow } from './SortableItemRow';

type SortableItemListProps = {
  items: ListItem[];
  /** Without it the creators are only listed: no handles, no buttons. */
  editable: boolean;
  /** The creator just added, scrolled into view and highlighted. */
  highlightedId?: string | null;
  onMove: (itemId: string, toIndex: number) => void;
  onEdit: (item: ListItem) => void;
  onRemove: (item: ListItem) => void;
};

const screenReaderInstructions = {
  draggable:
    'To move a creator, press space or enter on its handle, use the up and down arrow keys to choose the new place, ' +
    'then press space or enter to drop it there, or escape to cancel.',
};

function useAnnouncements(items: ListItem[]): Announcements {
  const count = items.length;
  const handleOf = (id: UniqueIdentifier) => `@${items.find((item) => item.id === id)?.creator.handle ?? 'creator'}`;
  const placeOf = (id: UniqueIdentifier) => `position ${items.findIndex((item) => item.id === id) + 1} of ${count}`;
  return {
    onDragStart: ({ active }) => `Picked up ${handleOf(active.id)}, at ${placeOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${handleOf(active.id)} is over ${placeOf(over.id)}.` : `${handleOf(active.id)} is outside the list.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${handleOf(active.id)} dropped at ${placeOf(over.id)}.`
        : `${handleOf(active.id)} dropped; the order is unchanged.`,
    onDragCancel: ({ active }) => `Moving ${handleOf(active.id)} cancelled; it stays at ${placeOf(active.id)}.`,
  };
}

export function SortableItemList({
  items,
  editable,
  highlightedId = null,
  onMove,
  onEdit,
  onRemove,
}: SortableItemListProps) {
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click on the handle stays a click.
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    // Press and hold on touch screens, so swiping still scrolls the page.
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const announcements = useAnnouncements(items);

  const handleDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const toIndex = items.findIndex((item) => item.id === over.id);
    if (toIndex >= 0) onMove(String(active.id), toIndex);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={handleDragEnd}
      accessibility={{ announcements, screenReaderInstructions }}
    >
      <SortableContext items={items} strategy={verticalListSortingStrategy}>
        <ol className="list-group" aria-label="Creators in this list, in order">
          {items.map((item, index) => (
            <SortableItemRow
              key={item.id}
              item={item}
              index={index}
              count={items.length}
              editable={editable}
              highlighted={item.id === highlightedId}
              onMove={onMove}
              onEdit={onEdit}
              onRemove={onRemove}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
