// The inbox: what zzyzx noticed about the workspace, newest first, each event with its type, its
// sentence, when it happened, a "demo" badge for demo numbers and a link to what it is about.
// Unread events stand out (in words as well as colour); opening one, or "Mark read", marks it read.
import { useRef } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import Spinner from 'react-bootstrap/Spinner';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api/problem';
import { EVENT_TYPES, eventTypeIcon, eventTypeLabel } from '@/lib/event-types';
import { formatDateTime, formatRelativeTime } from '@/lib/format';
import { useEvents, type AlertEvent, type InboxFilters } from '../api/get-events';
import { useMarkEventRead } from '../api/mark-event-read';
import './alerts.css';

/** Where an event leads: its campaign, else its creator; a source's or a webhook's event leads nowhere. */
function subjectLink(event: AlertEvent): { to: string; label: string } | null {
  const { campaign_id: campaignId, campaign_name: campaignName, creator_id: creatorId, handle } = event.subject;
  if (campaignId) return { to: paths.campaign(campaignId), label: `View campaign ${campaignName ?? ''}`.trim() };
  if (creatorId) return { to: paths.creator(creatorId), label: handle ? `View @${handle}` : 'View the creator' };
  return null;
}

function EventItem({ event }: { event: AlertEvent }) {
  const markMutation = useMarkEventRead();
  const item = useRef<HTMLLIElement>(null);
  // `null` (asked with an API key) cannot happen here; only an explicit `false` is unread.
  const unread = event.read === false;
  const markRead = (moveFocus: boolean) => {
    if (!unread || markMutation.isPending) return;
    markMutation.mutate(event.id, { onSuccess: () => moveFocus && item.current?.focus() });
  };
  const link = subjectLink(event);

  return (
    <li ref={item} tabIndex={-1} className={`list-group-item inbox-event${unread ? ' is-unread' : ''}`}>
      <div className="d-flex gap-3">
        <span className="inbox-event-icon" aria-hidden="true">
          {eventTypeIcon(event.type)}
        </span>
        <div className="flex-grow-1 min-w-0">
          <div className="d-flex flex-wrap align-items-center gap-2 small">
            <span className="fw-semibold">{eventTypeLabel(event.type)}</span>
            {unread && (
              <Badge bg="info" text="dark">
                Unread
              </Badge>
            )}
            {event.demo && (
              <Badge bg="secondary" title="The numbers came from the demo source, not from TikTok.">
                demo
              </Badge>
            )}
            <span className="text-body-secondary">
              <time dateTime={event.occurred_at}>{formatRelativeTime(event.occurred_at)}</time> ·{' '}
              {formatDateTime(event.occurred_at)}
            </span>
          </div>
          <p className={`mb-1 text-break${unread ? ' fw-semibold' : ''}`}>{event.sentence}</p>
          <div className="d-flex flex-wrap align-items-center gap-3">
            {link && (
              <Link to={link.to} className="small" onClick={() => markRead(false)}>
                {link.label}
              </Link>
            )}
            {unread && (
              <Button
                variant="link"
                size="sm"
                className="p-0"
                disabled={markMutation.isPending}
                onClick={() => markRead(true)}
                aria-label={`Mark read: ${event.sentence}`}
              >
                Mark read
              </Button>
            )}
          </div>
          {markMutation.isError && (
            <div role="alert" className="small text-danger mt-1">
              Could not mark it read: {describeError(markMutation.error)}
            </div>
          )}
        </div>
      </div>
    </li>
  );
}

type InboxFiltersFormProps = { filters: InboxFilters; onChange: (filters: InboxFilters) => void };

export function InboxFiltersForm({ filters, onChange }: InboxFiltersFormProps) {
  return (
    <Form
      className="d-flex flex-wrap align-items-end gap-3 mb-3"
      aria-label="Filter the inbox"
      onSubmit={(event) => event.preventDefault()}
    >
      <Form.Group controlId="inbox-type" className="inbox-type-filter">
        <Form.Label>Type</Form.Label>
        <Form.Select
          value={filters.type ?? ''}
          onChange={(event) => {
            const type = EVENT_TYPES.find((candidate) => candidate.id === event.target.value)?.id ?? null;
            onChange({ ...filters, type });
          }}
        >
          <option value="">All types</option>
          {EVENT_TYPES.map((type) => (
            <option key={type.id} value={type.id}>
              {type.label}
            </option>
          ))}
        </Form.Select>
      </Form.Group>
      <Form.Check
        type="switch"
        id="inbox-unread-only"
        className="mb-2"
        label="Unread only"
        checked={filters.unreadOnly}
        onChange={(event) => onChange({ ...filters, unreadOnly: event.target.checked })}
      />
    </Form>
  );
}

function NothingHere({ filters }: { filters: InboxFilters }) {
  const filtered = filters.type !== null || filters.unreadOnly;
  if (filtered) {
    return (
      <EmptyState title={filters.unreadOnly ? 'Nothing unread here' : 'No events of this type yet'}>
        Change the filters above to see more.
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Nothing to tell yet">
      <p>
        zzyzx writes here when something happens to the creators in your lists and campaigns: a video goes viral,
        someone starts rising, passes a follower milestone or goes quiet, a campaign post turns up or is overdue. Each
        refresh of their numbers can bring news.
      </p>
      <p className="mb-0">
        Choose what is recorded, and get it by e-mail, in <Link to={paths.alertSettings}>Settings → Alerts</Link>.
      </p>
    </EmptyState>
  );
}

export function Inbox({ filters }: { filters: InboxFilters }) {
  const eventsQuery = useEvents(filters);

  if (eventsQuery.isPending) return <LoadingState label="Loading the inbox…" />;
  if (eventsQuery.isError) {
    return (
      <ErrorState
        title="Could not load the inbox."
        error={eventsQuery.error}
        onRetry={() => void eventsQuery.refetch()}
      />
    );
  }
  const events = eventsQuery.data.pages.flatMap((page) => page.items);
  return (
    <>
      <p className="small text-body-secondary" role="status">
        {events.length === 0
          ? 'No events.'
          : `${events.length} ${events.length === 1 ? 'event' : 'events'} shown${eventsQuery.hasNextPage ? ', more to load' : ''}.`}
      </p>
      {events.length === 0 ? (
        <NothingHere filters={filters} />
      ) : (
        <ul className="list-group" aria-label="Events, newest first">
          {events.map((event) => (
            <EventItem key={event.id} event={event} />
          ))}
        </ul>
      )}
      {eventsQuery.hasNextPage && (
        <Button
          variant="outline-secondary"
          size="sm"
          className="mt-3"
          disabled={eventsQuery.isFetchingNextPage}
          onClick={() => void eventsQuery.fetchNextPage()}
        >
          {eventsQuery.isFetchingNextPage && (
            <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />
          )}
          Load more events
        </Button>
      )}
      {eventsQuery.isFetchNextPageError && (
        <div role="alert" className="small text-danger mt-2">
          Could not load more events. Please try again.
        </div>
      )}
    </>
  );
}
