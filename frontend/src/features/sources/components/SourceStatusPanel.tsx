// Settings → Data source: which source feeds zzyzx, what it can do, and whether it is healthy.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Badge from 'react-bootstrap/Badge';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { describeRefreshReason, formatDateTime, formatRelativeTime, formatWhole } from '@/lib/format';
import { useSourceStatus, type SourceStatus } from '../api/get-source-status';

const SOURCES: Record<string, { name: string; about: string }> = {
  none: {
    name: 'No source',
    about:
      'No source: data comes from imports and the API. zzyzx does not fetch creators itself, and hashtag search and refreshes are unavailable.',
  },
  tikapi: { name: 'TikAPI', about: 'A paid, unofficial API: profiles, videos, hashtags and user search.' },
  scrapecreators: {
    name: 'ScrapeCreators',
    about: 'A pay-per-request, unofficial API: profiles, videos, hashtags and user search, paid for in credits.',
  },
  research: {
    name: 'TikTok Research API',
    about: 'TikTok’s API for approved academic research (non-commercial use only).',
  },
  demo: {
    name: 'Demo',
    about: 'Synthetic creators and videos for trying zzyzx out. Everything it produces is labelled as demo data.',
  },
};

const CAPABILITIES = [
  { key: 'profile', label: 'Creator profiles and counts' },
  { key: 'videos', label: 'Creator videos' },
  { key: 'hashtag_videos', label: 'Videos under a hashtag' },
  { key: 'user_search', label: 'Creator search for the add box' },
  { key: 'comments', label: 'Comments, for audience estimates' },
  { key: 'audience', label: 'Audience countries, as the provider reports them' },
] as const;

/** The source's circuit breaker, in words: whether calls are paused because too many failed in a row. */
const BREAKER: Record<string, { label: string; about: string; bg: string; text?: 'dark' }> = {
  closed: { label: 'No', about: 'Calls to the source go through normally.', bg: 'success' },
  open: {
    label: 'Paused',
    about: 'Too many calls failed in a row, so zzyzx waits a while before trying again.',
    bg: 'danger',
  },
  half_open: {
    label: 'Trying again',
    about: 'One test call decides whether calls resume.',
    bg: 'warning',
    text: 'dark',
  },
};

function Moment({ at }: { at: string | null | undefined }) {
  if (!at) return <>Never</>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatDateTime(at)} ({formatRelativeTime(at)})
    </time>
  );
}

function Capabilities({ capabilities }: { capabilities: SourceStatus['capabilities'] }) {
  return (
    <ul className="list-unstyled mb-0" aria-label="What the source can do">
      {CAPABILITIES.map((capability) => {
        const available = capabilities[capability.key];
        return (
          <li key={capability.key} className={available ? '' : 'text-body-secondary'}>
            <span aria-hidden="true" className={available ? 'text-success' : ''}>
              {available ? '✓' : '✗'}
            </span>{' '}
            {capability.label}
            <span className="visually-hidden">{available ? ': available' : ': not available'}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Breaker({ state }: { state: SourceStatus['breaker'] }) {
  if (!state) return <>No refresh worker runs in this server process.</>;
  const known = BREAKER[state] ?? { label: state, about: '', bg: 'secondary' };
  return (
    <>
      <Badge bg={known.bg} text={known.text}>
        {known.label}
      </Badge>{' '}
      {known.about}
    </>
  );
}

function formatEvery(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `every ${hours / 24} days`;
  return hours === 1 ? 'every hour' : `every ${formatWhole(hours)} hours`;
}

function Cadence({ lines }: { lines: SourceStatus['cadence'] }) {
  if (lines.length === 0) return <>No creator is tracked yet.</>;
  return (
    <ul className="list-unstyled mb-0">
      {lines.map((line) => (
        <li key={line.reason}>
          {formatWhole(line.creators)} {line.creators === 1 ? 'creator' : 'creators'} {formatEvery(line.every_hours)}:{' '}
          <span className="text-body-secondary">{describeRefreshReason(line.reason)}</span>
        </li>
      ))}
    </ul>
  );
}

function Budget({ budget }: { budget: NonNullable<SourceStatus['budget']> }) {
  return (
    <>
      {formatWhole(budget.used_today)} of {formatWhole(budget.daily_requests)} requests used today (UTC). The tracked
      creators need about {formatWhole(budget.needed_per_day)} a day.
      {budget.short && (
        <Alert variant="warning" className="mt-2 mb-0">
          <strong>The budget is smaller than the tracked creators need.</strong> The most urgent are fetched first
          (rising, then campaign, climbing, regular, dormant, unwatched); the rest wait longer than their schedule.
          Raise <code>ZZYZX_SOURCE_DAILY_BUDGET</code> or track fewer creators.
        </Alert>
      )}
    </>
  );
}

function SourceDetails({ status }: { status: SourceStatus }) {
  const source = SOURCES[status.source] ?? { name: status.source, about: '' };
  // The moment this panel was opened is good enough to tell a current pause from a past one.
  const [openedAt] = useState(Date.now);
  const paused = status.paused_until != null && Date.parse(status.paused_until) > openedAt;
  return (
    <>
      {paused && (
        <Alert variant="warning">
          <strong>Calls to the source are paused</strong> until <Moment at={status.paused_until} />
          {status.pause_reason && `: ${status.pause_reason}`}.
        </Alert>
      )}
      <dl className="row mb-0 source-status">
        <dt className="col-sm-4 col-lg-3">Source</dt>
        <dd className="col-sm-8 col-lg-9">
          <strong>{source.name}</strong>{' '}
          {status.source === 'demo' && (
            <Badge bg="warning" text="dark">
              Demo data
            </Badge>
          )}
          {source.about && <div className="text-body-secondary">{source.about}</div>}
        </dd>
        <dt className="col-sm-4 col-lg-3">Capabilities</dt>
        <dd className="col-sm-8 col-lg-9">
          <Capabilities capabilities={status.capabilities} />
        </dd>
        <dt className="col-sm-4 col-lg-3">Last success</dt>
        <dd className="col-sm-8 col-lg-9">
          <Moment at={status.last_success_at} />
        </dd>
        <dt className="col-sm-4 col-lg-3">Last error</dt>
        <dd className="col-sm-8 col-lg-9">
          {status.last_error ? (
            <>
              <div className="text-danger text-break">{status.last_error}</div>
              {status.last_error_at && (
                <div className="small text-body-secondary">
                  <Moment at={status.last_error_at} />
                </div>
              )}
            </>
          ) : (
            'None'
          )}
        </dd>
        <dt className="col-sm-4 col-lg-3">Paused until</dt>
        <dd className="col-sm-8 col-lg-9">
          {status.paused_until ? (
            <>
              <Moment at={status.paused_until} />
              {status.pause_reason && <div className="small text-body-secondary">{status.pause_reason}</div>}
            </>
          ) : (
            'Not paused'
          )}
        </dd>
        {status.source !== 'none' && (
          <>
            <dt className="col-sm-4 col-lg-3">Refresh schedule</dt>
            <dd className="col-sm-8 col-lg-9">
              <Cadence lines={status.cadence} />
            </dd>
            <dt className="col-sm-4 col-lg-3">Daily budget</dt>
            <dd className="col-sm-8 col-lg-9">
              {status.budget ? <Budget budget={status.budget} /> : 'None set: only the provider limits requests.'}
            </dd>
          </>
        )}
        <dt className="col-sm-4 col-lg-3">Paused after repeated failures</dt>
        <dd className="col-sm-8 col-lg-9 mb-0">
          <Breaker state={status.breaker} />
        </dd>
      </dl>
    </>
  );
}

export function SourceStatusPanel() {
  const statusQuery = useSourceStatus();
  if (statusQuery.isPending) return <LoadingState label="Loading the data source’s status…" />;
  if (statusQuery.isError) {
    return (
      <ErrorState
        title="Could not load the data source’s status."
        error={statusQuery.error}
        onRetry={() => void statusQuery.refetch()}
      />
    );
  }
  return <SourceDetails status={statusQuery.data} />;
}
