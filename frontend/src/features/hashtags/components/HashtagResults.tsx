// The videos under one hashtag, most viewed or newest first, with where and when they were pulled.
// What to do with a creator (add them to a list) is handed in by the page, since lists are another
// feature's business.
import { useState, type ReactNode } from 'react';
import Alert from 'react-bootstrap/Alert';
import Badge from 'react-bootstrap/Badge';
import Form from 'react-bootstrap/Form';
import ToggleButton from 'react-bootstrap/ToggleButton';
import ToggleButtonGroup from 'react-bootstrap/ToggleButtonGroup';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { paths } from '@/config/paths';
import { ApiProblem, hasCode } from '@/lib/api/problem';
import { describeSource, formatDateTime, formatRelativeTime, formatWait } from '@/lib/format';
import {
  useHashtagVideos,
  type HashtagCreator,
  type HashtagResults as Results,
  type HashtagVideo,
} from '../api/get-hashtag-videos';
import { HashtagVideoCard } from './HashtagVideoCard';

const SORTS = [
  { id: 'views', label: 'Most viewed' },
  { id: 'recent', label: 'Newest' },
] as const;
type Sort = (typeof SORTS)[number]['id'];

function sorted(videos: HashtagVideo[], sort: Sort): HashtagVideo[] {
  const byViews = (a: HashtagVideo, b: HashtagVideo) => b.video.views - a.video.views;
  const byDate = (a: HashtagVideo, b: HashtagVideo) => Date.parse(b.video.posted_at) - Date.parse(a.video.posted_at);
  return [...videos].sort(sort === 'views' ? byViews : byDate);
}

/** "Pulled 5 minutes ago via TikAPI": how fresh the videos are and where they came from. */
function PullInfo({ results }: { results: Results }) {
  return (
    <p className="small text-body-secondary mb-0">
      {results.cached ? 'From a saved pull ' : 'Pulled '}
      <time dateTime={results.fetched_at} title={formatDateTime(results.fetched_at)}>
        {formatRelativeTime(results.fetched_at)}
      </time>
      , via {describeSource(results.source)}.{' '}
      {results.source === 'demo' && (
        <Badge bg="warning" text="dark" title="Synthetic creators and videos, not real TikTok accounts">
          Demo data
        </Badge>
      )}
    </p>
  );
}

function HashtagError({ tag, error, onRetry }: { tag: string; error: unknown; onRetry: () => void }) {
  if (hasCode(error, 'source_unavailable')) {
    return (
      <Alert variant="info">
        <strong>No data source is set up for hashtags.</strong>
        <div>
          zzyzx pulls hashtag videos through a data source such as TikAPI, and this server runs without one that can.
          Creators can still be added by handle, and their numbers imported from CSV. The{' '}
          <Link to={paths.settings}>data source settings</Link> show what is configured.
        </div>
      </Alert>
    );
  }
  if (error instanceof ApiProblem && error.status === 429) {
    const wait = error.retryAfterSeconds === null ? 'a minute' : formatWait(error.retryAfterSeconds);
    return (
      <ErrorState title="The data source is busy." error={error} onRetry={onRetry}>
        It is limiting how often zzyzx may ask. Please wait {wait} before trying again.
      </ErrorState>
    );
  }
  if (hasCode(error, 'upstream_failed')) {
    return (
      <ErrorState title={`The data source could not pull #${tag}.`} error={error} onRetry={onRetry}>
        This is usually temporary. Please try again later.
      </ErrorState>
    );
  }
  if (hasCode(error, 'validation_failed')) {
    return (
      <ErrorState title={`#${tag} is not a hashtag zzyzx can look up.`} error={error}>
        {error.errors[0]?.detail ?? error.detail}
      </ErrorState>
    );
  }
  return <ErrorState title={`Could not load the videos for #${tag}.`} error={error} onRetry={onRetry} />;
}

type HashtagResultsProps = {
  tag: string;
  /** The controls for a video's creator: adding them to a list or a campaign. */
  renderActions: (creator: HashtagCreator) => ReactNode;
};

export function HashtagResults({ tag, renderActions }: HashtagResultsProps) {
  const hashtagQuery = useHashtagVideos(tag);
  const [sort, setSort] = useState<Sort>('views');
  const [onlyUntracked, setOnlyUntracked] = useState(false);

  if (hashtagQuery.isPending) return <LoadingState label={`Pulling videos for #${tag}…`} />;
  if (hashtagQuery.isError) {
    return <HashtagError tag={tag} error={hashtagQuery.error} onRetry={() => void hashtagQuery.refetch()} />;
  }
  const results = hashtagQuery.data;
  if (results.videos.length === 0) {
    return (
      <>
        <EmptyState title={`No videos found for #${results.tag}`}>
          Check the spelling, or try a broader hashtag.
        </EmptyState>
        <div className="mt-2">
          <PullInfo results={results} />
        </div>
      </>
    );
  }
  const shown = sorted(results.videos, sort).filter((entry) => !onlyUntracked || !entry.tracked);
  const untrackedCreators = new Set(results.videos.filter((entry) => !entry.tracked).map((entry) => entry.creator.id))
    .size;

  return (
    <section aria-labelledby="hashtag-results-title">
      <div className="d-flex flex-wrap justify-content-between align-items-end gap-2 mb-3">
        <div>
          <h2 id="hashtag-results-title" className="h4 mb-1">
            #{results.tag}{' '}
            <small className="text-body-secondary fs-6">
              {results.videos.length} {results.videos.length === 1 ? 'video' : 'videos'}
            </small>
          </h2>
          <PullInfo results={results} />
        </div>
        <div role="group" aria-labelledby="hashtag-sort-label" className="d-flex flex-wrap align-items-center gap-2">
          <span id="hashtag-sort-label" className="text-body-secondary">
            Sort
          </span>
          <ToggleButtonGroup type="radio" name="hashtag-sort" value={sort} onChange={setSort}>
            {SORTS.map((option) => (
              <ToggleButton
                key={option.id}
                id={`hashtag-sort-${option.id}`}
                value={option.id}
                variant="outline-primary"
                size="sm"
              >
                {option.label}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </div>
      </div>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
        <p className="small mb-0">Creators in none of your lists are highlighted ({untrackedCreators} of them here).</p>
        <Form.Check
          type="switch"
          id="hashtag-only-untracked"
          label="Only creators not in a list"
          checked={onlyUntracked}
          onChange={(event) => setOnlyUntracked(event.target.checked)}
        />
      </div>
      {shown.length === 0 ? (
        <EmptyState title="Every creator here is already in one of your lists" />
      ) : (
        <ul
          className="row row-cols-1 row-cols-md-2 row-cols-xl-3 g-3 list-unstyled"
          aria-label={`Videos tagged #${results.tag}`}
        >
          {shown.map((entry) => (
            <li key={entry.video.id} className="col">
              <HashtagVideoCard entry={entry} action={renderActions(entry.creator)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
