// Who the creator is and how much zzyzx knows about them: where the numbers come from, since
// when, and how tracking is going.
import type { ReactNode } from 'react';
import Badge from 'react-bootstrap/Badge';
import { Avatar } from '@/components/ui/Avatar';
import { VerifiedBadge } from '@/components/ui/VerifiedBadge';
import {
  describeCreatorStatus,
  describeRefreshReason,
  describeSource,
  formatDateTime,
  formatDay,
  formatRelativeTime,
  formatWhole,
} from '@/lib/format';
import type { Creator } from '../api/get-creator';

const TRACKING_STATUS: Record<string, { label: string; bg: string; text?: 'dark' }> = {
  active: { label: 'Active', bg: 'success' },
  not_found: { label: 'Account not found', bg: 'warning', text: 'dark' },
  private: { label: 'Private account', bg: 'warning', text: 'dark' },
  banned: { label: 'Banned', bg: 'danger' },
};

function TrackingStatusBadge({ status }: { status: string }) {
  const known = TRACKING_STATUS[status] ?? { label: status, bg: 'secondary' };
  return (
    <Badge bg={known.bg} text={known.text}>
      {known.label}
    </Badge>
  );
}

function TrackingFacts({ creator }: { creator: Creator }) {
  const { tracking, latest } = creator;
  return (
    <dl className="creator-facts row row-cols-2 row-cols-md-3 row-cols-xl-6 g-2 small mb-0 mt-3">
      <div className="col">
        <dt className="fw-normal text-body-secondary">Tracking</dt>
        <dd className="mb-0">
          <TrackingStatusBadge status={tracking.status} />
        </dd>
      </div>
      <div className="col">
        <dt className="fw-normal text-body-secondary">Tracking since</dt>
        <dd className="mb-0">{creator.tracking_since ? formatDay(creator.tracking_since) : 'No data yet'}</dd>
      </div>
      <div className="col">
        <dt className="fw-normal text-body-secondary">Latest data</dt>
        <dd className="mb-0">
          {latest ? (
            <>
              {describeSource(latest.source)}, {formatDateTime(latest.captured_at)}
            </>
          ) : (
            'None yet'
          )}
        </dd>
      </div>
      <div className="col">
        <dt className="fw-normal text-body-secondary">Snapshots</dt>
        <dd className="mb-0">{formatWhole(creator.snapshot_count)}</dd>
      </div>
      <div className="col">
        <dt className="fw-normal text-body-secondary">Last fetched</dt>
        <dd className="mb-0">{tracking.last_fetched_at ? formatDateTime(tracking.last_fetched_at) : 'Never'}</dd>
      </div>
      <div className="col">
        <dt className="fw-normal text-body-secondary">Next refresh</dt>
        <dd className="mb-0">
          {tracking.next_fetch_at ? (
            <>
              {formatDateTime(tracking.next_fetch_at)} ({formatRelativeTime(tracking.next_fetch_at)})
              {tracking.refresh_reason && (
                <div className="small text-body-secondary">{describeRefreshReason(tracking.refresh_reason)}</div>
              )}
            </>
          ) : (
            'Not scheduled'
          )}
        </dd>
      </div>
      {(tracking.failures > 0 || tracking.last_error) && (
        <div className="col-12 text-warning-emphasis">
          <dt className="fw-normal">Fetch problems</dt>
          <dd className="mb-0">
            {tracking.failures > 0 &&
              `${tracking.failures} failed ${tracking.failures === 1 ? 'attempt' : 'attempts'} in a row. `}
            {tracking.last_error && `Last error: ${tracking.last_error}`}
          </dd>
        </div>
      )}
    </dl>
  );
}

type CreatorHeaderProps = {
  creator: Creator;
  /** Shown beside the name on wide screens, under it on a phone. */
  actions?: ReactNode;
};

export function CreatorHeader({ creator, actions }: CreatorHeaderProps) {
  const statusLabel = describeCreatorStatus(creator.status);
  const isDemo = creator.latest?.source === 'demo';
  return (
    <div className="d-flex flex-column flex-sm-row gap-3 mb-4">
      <Avatar url={creator.avatar_url} name={creator.display_name || creator.handle} size={72} />
      <div className="flex-grow-1 min-w-0">
        <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
          <div className="min-w-0">
            <h1 className="h3 mb-1 text-break">
              {creator.display_name || `@${creator.handle}`}{' '}
              {isDemo && (
                <Badge bg="warning" text="dark" className="align-middle fs-6">
                  Demo data
                </Badge>
              )}
            </h1>
            <div className="d-flex flex-wrap align-items-center gap-2">
              <a href={creator.profile_url} target="_blank" rel="noopener noreferrer">
                @{creator.handle}
                <span className="visually-hidden"> on TikTok (opens in a new tab)</span>
              </a>
              {creator.verified && <VerifiedBadge />}
              {statusLabel && (
                <Badge bg="warning" text="dark">
                  {statusLabel}
                </Badge>
              )}
              {creator.region && <span className="text-body-secondary small">Region {creator.region}</span>}
            </div>
          </div>
          {actions}
        </div>
        {creator.bio && <p className="mt-2 mb-0 text-break">{creator.bio}</p>}
        <TrackingFacts creator={creator} />
      </div>
    </div>
  );
}
