// A modal holding a small form (rename, edit a note, import a file): one place for the layout,
// the busy state and the error summary.
import { useId, type ReactNode } from 'react';
import Button from 'react-bootstrap/Button';
import Modal from 'react-bootstrap/Modal';
import { SubmitButton } from './SubmitButton';

type FormDialogProps = {
  show: boolean;
  title: string;
  submitLabel: string;
  pending: boolean;
  children: ReactNode;
  onSubmit: () => void;
  onCancel: () => void;
  size?: 'sm' | 'lg' | 'xl';
  cancelLabel?: string;
  /** Hide the submit button, for example once an import has finished and only its report remains. */
  hideSubmit?: boolean;
};

export function FormDialog({
  show,
  title,
  submitLabel,
  pending,
  children,
  onSubmit,
  onCancel,
  size,
  cancelLabel = 'Cancel',
  hideSubmit = false,
}: FormDialogProps) {
  const titleId = useId();
  return (
    <Modal show={show} onHide={onCancel} centered size={size} aria-labelledby={titleId}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Modal.Header closeButton>
          <Modal.Title id={titleId} as="h2" className="h5">
            {title}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
        <Modal.Footer>
          <Button variant="outline-secondary" onClick={onCancel} disabled={pending}>
            {cancelLabel}
          </Button>
          {!hideSubmit && <SubmitButton pending={pending}>{submitLabel}</SubmitButton>}
        </Modal.Footer>
      </form>
    </Modal>
  );
}
