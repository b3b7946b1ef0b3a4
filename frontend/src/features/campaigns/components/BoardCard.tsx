// One creator on the board: who they are, their followers, whether their post is overdue and how many
// posts they made. Editors drag the grip (mouse, touch, or keyboard: focus it and press space) or use
// "Move to…".
import { useDraggable } from '@dnd-kit/core';
import { useEffect, useRef } from 'react';
import Badge from 'react-bootstrap/Badge';
import { Link } from 'react-router';
import { Avatar } from '@/components/ui/Avatar';
import { paths } from '@/config/paths';
import { formatCompact, formatWhole } from '@/lib/format';
import type { CampaignCreator } from '../api/get-campaign-creators';
import type { Stage } from '../api/stages';
import { MoveToMenu } from './MoveToMenu';

type BoardCardProps = {
  entry: CampaignCreator;
  editable: boolean;
  /** Take the focus on arriving: the card was just moved with its menu, which lost the focus. */
  focusOnArrival?: boolean;
  onMove: (entry: CampaignCreator, stage: Stage) => void;
};

export function CreatorCardBody({ entry, linkCreator = true }: { entry: CampaignCreator; linkCreator?: boolean }) {
  const { creator } = entry;
  return (
    <>
      <div className="d-flex align-items-center gap-2 min-w-0">
        <Avatar url={creator.avatar_url} name={creator.display_name || creator.handle} size={32} />
        <div className="min-w-0">
          {linkCreator ? (
            <Link to={paths.creator(creator.id)} className="fw-semibold text-break">
              @{creator.handle}
            </Link>
          ) : (
            <span className="fw-semibold text-break">@{creator.handle}</span>
          )}
          {creator.display_name && (
            <div className="small text-body-secondary text-truncate">{creator.display_name}</div>
          )}
        </div>
      </div>
      <div className="d-flex flex-wrap align-items-center gap-1 mt-2 small">
        <span title={creator.followers == null ? undefined : `${formatWhole(creator.followers)} followers`}>
          {creator.followers == null ? 'Followers unknown' : `${formatCompact(creator.followers)} followers`}
        </span>
        {entry.overdue && <Badge bg="danger">Overdue</Badge>}
        {entry.posts > 0 && (
          <Badge bg="success">
            {entry.posts} {entry.posts === 1 ? 'post' : 'posts'}
          </Badge>
        )}
      </div>
    </>
  );
}

export function BoardCard({ entry, editable, focusOnArrival = false, onMove }: BoardCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: entry.id,
    disabled: !editable,
  });
  const menuRef = useRef<HTMLButtonElement>(null);
  const handle = `@${entry.creator.handle}`;

  useEffect(() => {
    if (focusOnArrival) menuRef.current?.focus();
  }, [focusOnArrival]);

  return (
    <li ref={setNodeRef} className={`card board-card${isDragging ? ' is-dragging' : ''}`}>
      <div className="card-body p-2">
        <div className="d-flex align-items-start gap-1">
          {editable && (
            <button
              type="button"
              ref={setActivatorNodeRef}
              className="drag-handle btn btn-link text-body-secondary px-1 py-0"
              aria-label={`Drag ${handle} to another stage`}
              {...attributes}
              {...listeners}
            >
              <span aria-hidden="true">⠿</span>
            </button>
          )}
          <div className="flex-grow-1 min-w-0">
            <CreatorCardBody entry={entry} />
          </div>
        </div>
        {editable && (
          <div className="mt-2">
            <MoveToMenu
              ref={menuRef}
              handle={entry.creator.handle}
              stage={entry.stage}
              onMove={(stage) => onMove(entry, stage)}
            />
          </div>
        )}
      </div>
    </li>
  );
}
