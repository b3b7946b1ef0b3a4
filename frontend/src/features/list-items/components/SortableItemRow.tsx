// One creator in the list. The grip is the drag handle (mouse, touch, or keyboard: focus it and
// press space); the arrow buttons do the same without dragging, for anyone who cannot drag. A row
// that is highlighted (just added) scrolls itself into view.
import { useCallback, useEffect, useRef } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import type { ListItem } from '../api/get-list-items';
import { CreatorIdentity } from './CreatorIdentity';
import { LatestCounts } from './LatestCounts';

type SortableItemRowProps = {
  item: ListItem;
  index: number;
  count: number;
  editable: boolean;
  highlighted: boolean;
  onMove: (itemId: string, toIndex: number) => void;
  onEdit: (item: ListItem) => void;
  onRemove: (item: ListItem) => void;
};

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function SortableItemRow({
  item,
  index,
  count,
  editable,
  highlighted,
  onMove,
  onEdit,
  onRemove,
}: SortableItemRowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    disabled: !editable,
  });
  const rowRef = useRef<HTMLLIElement | null>(null);
  const setRowRef = useCallback(
    (node: HTMLLIElement | null) => {
      setNodeRef(node);
      rowRef.current = node;
    },
    [setNodeRef],
  );
  const handle = `@${item.creator.handle}`;

  useEffect(() => {
    if (!highlighted) return;
    rowRef.current?.scrollIntoView({ block: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }, [highlighted]);

  return (
    <li
      ref={setRowRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`list-group-item list-item-row d-flex flex-wrap align-items-center gap-3 py-3${isDragging ? ' is-dragging' : ''}${highlighted ? ' is-just-added' : ''}`}
    >
      {editable && (
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="drag-handle btn btn-link text-body-secondary px-1"
          aria-label={`Drag to reorder ${handle}`}
          {...attributes}
          {...listeners}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}

      <div className="list-item-main flex-grow-1 min-w-0">
        <CreatorIdentity creator={item.creator} />
        {item.note && <p className="small mb-1 mt-2 text-break">{item.note}</p>}
        {item.tags.length > 0 && (
          <ul className="list-inline mb-0 mt-1" aria-label="Tags">
            {item.tags.map((tag) => (
              <li key={tag} className="list-inline-item">
                <Badge bg="secondary-subtle" text="secondary-emphasis">
                  {tag}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </div>

      <LatestCounts latest={item.latest} />

      {editable && (
        <div className="d-flex flex-wrap gap-1">
          <Button
            variant="outline-secondary"
            size="sm"
            disabled={index === 0}
            onClick={() => onMove(item.id, index - 1)}
            aria-label={`Move ${handle} up`}
          >
            <span aria-hidden="true">↑</span>
          </Button>
          <Button
            variant="outline-secondary"
            size="sm"
            disabled={index === count - 1}
            onClick={() => onMove(item.id, index + 1)}
            aria-label={`Move ${handle} down`}
          >
            <span aria-hidden="true">↓</span>
          </Button>
          <Button
            variant="outline-secondary"
            size="sm"
            onClick={() => onEdit(item)}
            aria-label={`Edit note and tags of ${handle}`}
          >
            Edit
          </Button>
          <Button
            variant="outline-danger"
            size="sm"
            onClick={() => onRemove(item)}
            aria-label={`Remove ${handle} from this list`}
          >
            Remove
          </Button>
        </div>
      )}
    </li>
  );
}
