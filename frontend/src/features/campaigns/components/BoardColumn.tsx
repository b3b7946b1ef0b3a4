// One stage of the board: its creators, and a place to drop a card.
import { useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import Badge from 'react-bootstrap/Badge';
import type { StageInfo } from '../api/stages';

type BoardColumnProps = { stage: StageInfo; count: number; children: ReactNode };

export function BoardColumn({ stage, count, children }: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const headingId = `board-stage-${stage.id}`;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      className={`board-column rounded-3 p-2${isOver ? ' is-over' : ''}${stage.id === 'declined' || stage.id === 'no_show' ? ' is-exit' : ''}`}
    >
      <h3 id={headingId} className="h6 mb-0 d-flex align-items-center gap-2">
        {stage.label}
        <Badge bg="secondary" pill>
          {count}
          <span className="visually-hidden"> {count === 1 ? 'creator' : 'creators'}</span>
        </Badge>
      </h3>
      <p className="small text-body-secondary mb-2">{stage.description}</p>
      {children}
    </section>
  );
}
