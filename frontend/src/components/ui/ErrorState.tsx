// What a region shows when its data failed to load, with a way to try again.
import type { ReactNode } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import { describeError } from '@/lib/api/problem';

type ErrorStateProps = {
  title: string;
  error: unknown;
  onRetry?: () => void;
  /** Words of the page's own for a failure it knows, in place of the server's `detail`. */
  children?: ReactNode;
};

export function ErrorState({ title, error, onRetry, children }: ErrorStateProps) {
  return (
    <Alert variant="danger" className="d-flex flex-wrap align-items-center gap-3">
      <div className="flex-grow-1">
        <strong>{title}</strong>
        <div>{children ?? describeError(error)}</div>
      </div>
      {onRetry && (
        <Button variant="outline-danger" size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
