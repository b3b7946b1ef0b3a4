// "Refresh now": fetches the creator from the data source without waiting for the schedule, and
// shows the job's progress until it ends. Without a data source it explains where numbers come
// from instead.
import Button from 'react-bootstrap/Button';
import ProgressBar from 'react-bootstrap/ProgressBar';
import Spinner from 'react-bootstrap/Spinner';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { describeError, hasCode } from '@/lib/api/problem';
import { isJobFinished, type Job } from '../api/get-job';
import { useRefreshCreator } from '../api/refresh-creator';

const JOB_STATUS_TEXT: Record<string, string> = {
  queued: 'Waiting for a worker…',
  running: 'Fetching from the data source…',
  succeeded: 'Refreshed.',
  failed: 'The refresh failed.',
};

function JobProgress({ job }: { job: Job }) {
  const finished = isJobFinished(job);
  const variant = job.status === 'failed' ? 'danger' : job.status === 'succeeded' ? 'success' : undefined;
  return (
    <div className="mt-2">
      <ProgressBar className="refresh-progress">
        <ProgressBar
          now={job.progress}
          variant={variant}
          striped={!finished}
          animated={!finished}
          aria-label="Refresh progress"
          aria-valuetext={`${job.progress}%`}
        />
      </ProgressBar>
      <div className={`small mt-1${job.status === 'failed' ? ' text-danger' : ''}`}>
        {JOB_STATUS_TEXT[job.status] ?? job.status}
        {job.message && ` ${job.message}`}
      </div>
    </div>
  );
}

function StartError({ error }: { error: unknown }) {
  if (hasCode(error, 'source_unavailable')) {
    return (
      <div role="alert" className="small text-body-secondary mt-2">
        No data source is configured, so zzyzx cannot fetch creators itself: numbers come from CSV imports and the API.
        See the <Link to={paths.settings}>data source settings</Link>.
      </div>
    );
  }
  return (
    <div role="alert" className="small text-danger mt-2">
      Could not start a refresh: {describeError(error)}
    </div>
  );
}

function PollError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div role="alert" className="small text-danger mt-2">
      Could not check on the refresh: {describeError(error)}{' '}
      <Button variant="link" size="sm" className="p-0 align-baseline" onClick={onRetry}>
        Check again
      </Button>
    </div>
  );
}

export function RefreshCreatorButton({ creatorId }: { creatorId: string }) {
  const refresh = useRefreshCreator(creatorId);
  return (
    <div className="refresh-creator">
      <Button variant="outline-primary" size="sm" disabled={refresh.running} onClick={refresh.start}>
        {refresh.running && <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />}
        Refresh now
      </Button>
      <div aria-live="polite">{refresh.job && <JobProgress job={refresh.job} />}</div>
      {refresh.startError && <StartError error={refresh.startError} />}
      {refresh.pollError && <PollError error={refresh.pollError} onRetry={refresh.retryPolling} />}
    </div>
  );
}
