// What a region shows when its data failed to load, with a way to try again.
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import { describeError } from '@/lib/api/problem';

type ErrorStateProps = {
  title: string;
  error: unknown;
  onRetry?: () => void;
};

export function ErrorState({ title, error, onRetry }: ErrorStateProps) {
  return (
    <Alert variant="danger" className="d-flex flex-wrap align-items-center gap-3">
      <div className="flex-grow-1">
        <strong>{title}</strong>
        <div>{describeError(error)}</div>
      </div>
      {onRetry && (
        <Button variant="outline-danger" size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
