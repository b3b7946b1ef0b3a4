// The campaign's pipeline as a board: a column per stage, a card per creator. Editors move a card
// by dragging it (mouse, touch, or the keyboard: space to pick up, left and right arrows, space to
// drop) or with its "Move to…" menu. A move shows at once; the server's refusal puts the card back
// and says why. Screen readers hear every step of a drag and every move.
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import { describeError } from '@/lib/api/problem';
import { stageColumnCoordinates } from '../api/board-keyboard';
import type { CampaignCreator } from '../api/get-campaign-creators';
import { useMoveCampaignCreator } from '../api/move-campaign-creator';
import { STAGES, stageLabel, type Stage } from '../api/stages';
import { BoardCard, CreatorCardBody } from './BoardCard';
import { BoardColumn } from './BoardColumn';
import './campaigns.css';

const screenReaderInstructions = {
  draggable:
    'To move a creator to another stage, press space or enter on its grip, use the left and right arrow keys to ' +
    'choose the stage, then press space or enter to drop it there, or escape to cancel. ' +
    'Each card’s Move to menu does the same without dragging.',
};

/** The pointer's column when there is a pointer; otherwise (the keyboard) the column the card overlaps. */
const columnUnderCard: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : rectIntersection(args);
};

/** Overdue creators first, then whoever has waited longest in the stage. */
function byUrgency(a: CampaignCreator, b: CampaignCreator): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return a.stage_changed_at.localeCompare(b.stage_changed_at);
}

function isStage(id: UniqueIdentifier | undefined): id is Stage {
  return STAGES.some((stage) => stage.id === id);
}

function useAnnouncements(entries: CampaignCreator[]): Announcements {
  const entryOf = (id: UniqueIdentifier) => entries.find((entry) => entry.id === id);
  const handleOf = (id: UniqueIdentifier) => `@${entryOf(id)?.creator.handle ?? 'creator'}`;
  const stageOf = (id: UniqueIdentifier) => {
    const entry = entryOf(id);
    return entry ? stageLabel(entry.stage) : 'its stage';
  };
  const overLabel = (id: UniqueIdentifier) => (isStage(id) ? stageLabel(id) : String(id));
  return {
    onDragStart: ({ active }) => `Picked up ${handleOf(active.id)}, in ${stageOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${handleOf(active.id)} is over ${overLabel(over.id)}.` : `${handleOf(active.id)} is over no stage.`,
    onDragEnd: ({ active, over }) => {
      if (!over) return `${handleOf(active.id)} dropped outside the stages; it stays in ${stageOf(active.id)}.`;
      if (over.id === entryOf(active.id)?.stage) return `${handleOf(active.id)} stays in ${stageOf(active.id)}.`;
      return `${handleOf(active.id)} moved to ${overLabel(over.id)}.`;
    },
    onDragCancel: ({ active }) => `Moving ${handleOf(active.id)} cancelled; it stays in ${stageOf(active.id)}.`,
  };
}

type MoveFailure = { handle: string; stage: Stage; error: unknown };

type PipelineBoardProps = { campaignId: string; entries: CampaignCreator[]; editable: boolean };

export function PipelineBoard({ campaignId, entries, editable }: PipelineBoardProps) {
  const [failure, setFailure] = useState<MoveFailure | null>(null);
  const [status, setStatus] = useState('');
  const [draggingId, setDraggingId] = useState<UniqueIdentifier | null>(null);
  /** The card last moved with its menu: it takes the focus in its new column. */
  const [movedByMenu, setMovedByMenu] = useState<string | null>(null);
  const moveMutation = useMoveCampaignCreator(campaignId, {
    onFailed: (error, entry) => setFailure({ handle: entry.creator.handle, stage: entry.stage, error }),
  });
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click on the grip stays a click; the grip
    // alone starts a drag (touch-action: none), so swiping elsewhere still scrolls.
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: stageColumnCoordinates }),
  );
  const announcements = useAnnouncements(entries);
  const columns = useMemo(
    () =>
      STAGES.map((stage) => ({
        stage,
        entries: entries.filter((entry) => entry.stage === stage.id).sort(byUrgency),
      })),
    [entries],
  );
  const dragging = entries.find((entry) => entry.id === draggingId) ?? null;

  /** `announce`: say so in the live region; a drag has its own announcements. */
  const move = (entry: CampaignCreator, stage: Stage, { announce }: { announce: boolean }) => {
    if (entry.stage === stage) return;
    setFailure(null);
    if (announce) setStatus(`Moved @${entry.creator.handle} to ${stageLabel(stage)}.`);
    moveMutation.mutate({ entryId: entry.id, stage });
  };

  const handleDragEnd = ({ active, over }: DragEndEvent) => {
    setDraggingId(null);
    const entry = entries.find((candidate) => candidate.id === active.id);
    if (entry && isStage(over?.id)) move(entry, over.id, { announce: false });
  };

  return (
    <>
      {failure && (
        <Alert variant="warning" dismissible onClose={() => setFailure(null)} role="alert">
          Could not move @{failure.handle}, so it is back in {stageLabel(failure.stage)}: {describeError(failure.error)}
        </Alert>
      )}
      <div className="visually-hidden" aria-live="polite">
        {status}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={columnUnderCard}
        onDragStart={({ active }) => {
          setDraggingId(active.id);
          // The focus stays with the grip being dragged, not a card moved earlier with its menu.
          setMovedByMenu(null);
        }}
        onDragCancel={() => setDraggingId(null)}
        onDragEnd={handleDragEnd}
        accessibility={{ announcements, screenReaderInstructions }}
      >
        <p className="small text-body-secondary d-md-none mb-2" aria-hidden="true">
          Scroll sideways for every stage →
        </p>
        <div className="campaign-board" aria-label="Pipeline board" role="group">
          {columns.map(({ stage, entries: inStage }) => (
            <BoardColumn key={stage.id} stage={stage} count={inStage.length}>
              <ul className="list-unstyled d-flex flex-column gap-2 mb-0" aria-label={`${stage.label} creators`}>
                {inStage.map((entry) => (
                  <BoardCard
                    key={entry.id}
                    entry={entry}
                    editable={editable}
                    focusOnArrival={entry.id === movedByMenu}
                    onMove={(moved, to) => {
                      setMovedByMenu(moved.id);
                      move(moved, to, { announce: true });
                    }}
                  />
                ))}
              </ul>
            </BoardColumn>
          ))}
        </div>
        <DragOverlay>
          {dragging && (
            <div className="card board-card shadow">
              <div className="card-body p-2">
                <CreatorCardBody entry={dragging} linkCreator={false} />
              </div>
            </div>
          )}
        </DragOverlay>
      </DndContext>
    </>
  );
}
