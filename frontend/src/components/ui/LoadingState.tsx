// What a region shows while its data loads: a spinner plus words for screen readers.
import Spinner from 'react-bootstrap/Spinner';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="d-flex align-items-center gap-2 text-body-secondary py-4">
      <Spinner animation="border" size="sm" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
