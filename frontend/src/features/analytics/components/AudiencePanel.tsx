// The audience profiles recorded for a creator (newest first), how each was obtained and which one
// fit uses (the best kind, then the newest), and ways to add one: by hand, or a CSV import for many
// creators at once.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { useCanEdit } from '@/lib/auth/roles';
import { audienceKindLabel } from '@/lib/analytics-format';
import { describeSource, formatDay, formatWhole } from '@/lib/format';
import { useAudience, type AudienceProfile } from '../api/get-audience';
import { formatEstimatedShares, formatShares, type EstimatedShare } from './audience-shares';
import { ImportAudienceDialog } from './ImportAudienceDialog';
import { RecordAudienceDialog } from './RecordAudienceDialog';

const DIMENSIONS = [
  { key: 'countries', label: 'Countries' },
  { key: 'languages', label: 'Languages' },
  { key: 'ages', label: 'Ages' },
  { key: 'genders', label: 'Genders' },
] as const;

const SHOWN_PROFILES = 3;

type Estimate = NonNullable<AudienceProfile['estimate']>;

/** An estimate's shares of one dimension with their intervals, when it has some. */
function estimatedShares(estimate: Estimate | null | undefined, dimension: string): EstimatedShare[] | null {
  const breakdown =
    dimension === 'languages' ? estimate?.languages : dimension === 'countries' ? estimate?.countries : null;
  return breakdown && breakdown.shares.length > 0 ? breakdown.shares : null;
}

function Profile({ profile }: { profile: AudienceProfile }) {
  const estimate = profile.estimate;
  return (
    <li className="mb-3">
      <div className="d-flex flex-wrap align-items-center gap-2">
        <strong>{formatDay(profile.captured_at)}</strong>
        {profile.used_for_fit && <Badge bg="primary">Used for fit</Badge>}
        <span className="small text-body-secondary">
          {audienceKindLabel(profile.kind)}
          {profile.source !== 'manual' && profile.source !== 'import' && ` (${describeSource(profile.source)})`}
          {profile.sample_size == null
            ? ', sample size unknown'
            : profile.kind === 'estimated'
              ? `, from ${formatWhole(profile.sample_size)} commenters`
              : `, ${formatWhole(profile.sample_size)} sampled`}
        </span>
      </div>
      {estimate && <p className="small mb-1">{estimate.label}; each share with its 95% interval.</p>}
      <dl className="row small mb-0">
        {DIMENSIONS.map((dimension) => {
          const shares = profile[dimension.key];
          const estimated = estimatedShares(estimate, dimension.key);
          return (
            <div key={dimension.key} className="col-12 d-flex gap-2">
              <dt className="fw-normal text-body-secondary">{dimension.label}:</dt>
              <dd className="mb-0">
                {estimated
                  ? formatEstimatedShares(estimated)
                  : Object.keys(shares).length > 0
                    ? formatShares(shares)
                    : 'no data'}
              </dd>
            </div>
          );
        })}
      </dl>
    </li>
  );
}

export function AudiencePanel({ creatorId }: { creatorId: string }) {
  const audienceQuery = useAudience(creatorId);
  const [recording, setRecording] = useState(false);
  const [importing, setImporting] = useState(false);
  const canEdit = useCanEdit();

  let content;
  if (audienceQuery.isPending) content = <LoadingState label="Loading audience profiles…" />;
  else if (audienceQuery.isError) {
    content = (
      <ErrorState
        title="Could not load the audience profiles."
        error={audienceQuery.error}
        onRetry={() => void audienceQuery.refetch()}
      />
    );
  } else if (audienceQuery.data.length === 0) {
    content = (
      <p className="text-body-secondary">
        No audience data yet, so the audience fit is unknown. Record the shares from the creator’s media kit, or import
        a CSV.
      </p>
    );
  } else {
    const profiles = audienceQuery.data;
    content = (
      <>
        <ul className="list-unstyled mb-1" aria-label="Audience profiles, newest first">
          {profiles.slice(0, SHOWN_PROFILES).map((profile) => (
            <Profile key={profile.id} profile={profile} />
          ))}
        </ul>
        {profiles.length > SHOWN_PROFILES && (
          <p className="small text-body-secondary">And {profiles.length - SHOWN_PROFILES} older profiles.</p>
        )}
      </>
    );
  }

  return (
    <>
      {content}
      {canEdit && (
        <div className="d-flex flex-wrap gap-2">
          <Button variant="outline-primary" size="sm" onClick={() => setRecording(true)}>
            Record audience
          </Button>
          <Button variant="outline-secondary" size="sm" onClick={() => setImporting(true)}>
            Import audience CSV
          </Button>
        </div>
      )}
      <RecordAudienceDialog creatorId={creatorId} show={recording} onClose={() => setRecording(false)} />
      <ImportAudienceDialog show={importing} onClose={() => setImporting(false)} />
    </>
  );
}
