// Asks before something that cannot be undone. Stays open with the reason if the action fails. It may
// open over another dialog (revoking a share link from the share dialog), so it always stacks on top.
import { useId, type ReactNode } from 'react';
import Button from 'react-bootstrap/Button';
import Modal from 'react-bootstrap/Modal';
import { ProblemAlert } from './ProblemAlert';
import { SubmitButton } from './SubmitButton';

type ConfirmDialogProps = {
  show: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
};

export function ConfirmDialog({
  show,
  title,
  children,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const titleId = useId();
  return (
    <Modal
      show={show}
      onHide={onCancel}
      centered
      aria-labelledby={titleId}
      className="confirm-dialog"
      backdropClassName="confirm-dialog-backdrop"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <Modal.Header closeButton>
          <Modal.Title id={titleId} as="h2" className="h5">
            {title}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {children}
          <ProblemAlert error={error} />
        </Modal.Body>
        <Modal.Footer>
          <Button variant="outline-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <SubmitButton variant="danger" pending={pending} autoFocus>
            {confirmLabel}
          </SubmitButton>
        </Modal.Footer>
      </form>
    </Modal>
  );
}
