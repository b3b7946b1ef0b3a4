// "Mark all read": clears the bell. Idle while nothing is unread; says what it did in a live region.
import Button from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';
import { describeError } from '@/lib/api/problem';
import { useUnreadCount } from '../api/get-unread-count';
import { useMarkAllRead } from '../api/mark-all-read';

export function MarkAllReadButton() {
  const unread = useUnreadCount().data ?? 0;
  const markMutation = useMarkAllRead();
  return (
    <div className="d-flex flex-column align-items-end">
      <Button
        variant="outline-primary"
        disabled={unread === 0 || markMutation.isPending}
        onClick={() => markMutation.mutate()}
      >
        {markMutation.isPending && (
          <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />
        )}
        Mark all read
      </Button>
      <div aria-live="polite" className="small">
        {markMutation.isSuccess && <span className="text-success">Everything is marked read.</span>}
        {markMutation.isError && (
          <span className="text-danger">Could not mark them read: {describeError(markMutation.error)}</span>
        )}
      </div>
    </div>
  );
}
