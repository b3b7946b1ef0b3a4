// "Move to…": moves a creator to another stage without dragging, for the keyboard, a phone or anyone
// who cannot drag. Its toggle can take the focus back after the card lands in its new column.
import { forwardRef } from 'react';
import Dropdown from 'react-bootstrap/Dropdown';
import { STAGES, type Stage } from '../api/stages';

type MoveToMenuProps = { handle: string; stage: Stage; onMove: (stage: Stage) => void };

export const MoveToMenu = forwardRef<HTMLButtonElement, MoveToMenuProps>(function MoveToMenu(
  { handle, stage, onMove },
  toggleRef,
) {
  return (
    <Dropdown onSelect={(key) => key && key !== stage && onMove(key as Stage)}>
      <Dropdown.Toggle ref={toggleRef} size="sm" variant="outline-secondary" aria-label={`Move to… (@${handle})`}>
        Move to…
      </Dropdown.Toggle>
      <Dropdown.Menu>
        <Dropdown.Header>Move @{handle} to</Dropdown.Header>
        {STAGES.filter((candidate) => candidate.id !== stage).map((candidate) => (
          <Dropdown.Item key={candidate.id} as="button" eventKey={candidate.id}>
            {candidate.label}
          </Dropdown.Item>
        ))}
      </Dropdown.Menu>
    </Dropdown>
  );
});
