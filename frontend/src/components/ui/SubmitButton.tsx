// A submit button that says it is busy while its request runs, and cannot be pressed twice.
import type { ReactNode } from 'react';
import Button, { type ButtonProps } from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';

type SubmitButtonProps = {
  pending: boolean;
  children: ReactNode;
  disabled?: boolean;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  className?: string;
  autoFocus?: boolean;
};

export function SubmitButton({ pending, disabled, children, ...button }: SubmitButtonProps) {
  return (
    <Button type="submit" disabled={pending || disabled} {...button}>
      {pending && <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />}
      {children}
    </Button>
  );
}
