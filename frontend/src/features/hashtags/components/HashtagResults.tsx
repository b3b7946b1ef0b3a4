// The videos under one hashtag, most viewed or newest first, or the same videos' creators as a
// table, with where and when they were pulled. What to do with a creator (add them to a list) is
// handed in by the page, since lists are another feature's business; so is the view, which the page
// keeps in the address.
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
import { HashtagCreatorsTable } from './HashtagCreatorsTable';
import { HashtagVideoCard } from './HashtagVideoCard';

export const HASHTAG_VIEWS = [
  { id: 'videos', label: 'Videos' },
  { id: 'creators', label: 'Creators' },
] as const;
export type HashtagView = (typeof HASHTAG_VIEWS)[number]['id'];

export function parseHashtagView(value: string | null): HashtagView {
  return HASHTAG_VIEWS.find((view) => view.id === value)?.id ?? 'videos';
}

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

/** A labelled row of toggle buttons, one of which is chosen: the view, the videos' order. */
function Choice<Id extends string>({
  name,
  label,
  options,
  value,
  onChange,
}: {
  name: string;
  label: string;
  options: readonly { id: Id; label: string }[];
  value: Id;
  onChange: (id: Id) => void;
}) {
  return (
    <div role="group" aria-labelledby={`${name}-label`} className="d-flex flex-wrap align-items-center gap-2">
      <span id={`${name}-label`} className="text-body-secondary">
        {label}
      </span>
      <ToggleButtonGroup type="radio" name={name} value={value} onChange={onChange}>
        {options.map((option) => (
          <ToggleButton
            key={option.id}
            id={`${name}-${option.id}`}
            value={option.id}
            variant="outline-primary"
            size="sm"
          >
            {option.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </div>
  );
}

type HashtagResultsProps = {
  tag: string;
  view: HashtagView;
  onViewChange: (view: HashtagView) => void;
  /** The controls for a creator: adding them to a list or a campaign. */
  renderActions: (creator: HashtagCreator) => ReactNode;
};

export function HashtagResults({ tag, view, onViewChange, renderActions }: HashtagResultsProps) {
  const hashtagQuery = useHashtagVideos(tag);
  const [sort, setSort] = useState<Sort>('views');
  const [onlyUntracked, setOnlyUntracked] = useState(false);
  // The creators view also filters by fit, as rising creators do.
  const [fitKnown, setFitKnown] = useState(false);
  const [minFit, setMinFit] = useState<number | null>(null);

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
  const shownVideos = sorted(results.videos, sort).filter((entry) => !onlyUntracked || !entry.tracked);
  const fitFilters = fitKnown || minFit != null;
  const shownCreators = results.creators.filter(
    ({ tracked, summary: { fit_score: fit } }) =>
      (!onlyUntracked || !tracked) && (!fitKnown || fit != null) && (minFit == null || (fit != null && fit >= minFit)),
  );
  const untrackedCreators = results.creators.filter((entry) => !entry.tracked).length;
  const shown = view === 'creators' ? shownCreators : shownVideos;

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
        <div className="d-flex flex-wrap align-items-center gap-3">
          <Choice name="hashtag-view" label="Show" options={HASHTAG_VIEWS} value={view} onChange={onViewChange} />
          {/* The creators table sorts by its column headers. */}
          {view === 'videos' && (
            <Choice name="hashtag-sort" label="Sort" options={SORTS} value={sort} onChange={setSort} />
          )}
        </div>
      </div>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
        <p className="small mb-0">Creators in none of your lists are highlighted ({untrackedCreators} of them here).</p>
        <div className="d-flex flex-wrap align-items-center gap-3">
          {view === 'creators' && (
            <>
              <Form.Select
                size="sm"
                className="w-auto"
                aria-label="Minimum fit"
                value={minFit ?? ''}
                onChange={(event) => setMinFit(event.target.value === '' ? null : Number(event.target.value))}
              >
                <option value="">Any fit</option>
                {[25, 50, 75].map((fit) => (
                  <option key={fit} value={fit}>
                    Fit {fit} or more
                  </option>
                ))}
              </Form.Select>
              <Form.Check
                type="switch"
                id="hashtag-fit-known"
                label="Fit known or estimated"
                checked={fitKnown}
                onChange={(event) => setFitKnown(event.target.checked)}
              />
            </>
          )}
          <Form.Check
            type="switch"
            id="hashtag-only-untracked"
            label="Only creators not in a list"
            checked={onlyUntracked}
            onChange={(event) => setOnlyUntracked(event.target.checked)}
          />
        </div>
      </div>
      {shown.length === 0 ? (
        <EmptyState
          title={
            view === 'creators' && fitFilters
              ? 'No creator here has a fit that matches'
              : 'Every creator here is already in one of your lists'
          }
        >
          {view === 'creators' &&
            fitFilters &&
            'Fit needs audience data and a target audience; estimates come with the weekly refresh of listed creators.'}
        </EmptyState>
      ) : view === 'creators' ? (
        <HashtagCreatorsTable tag={results.tag} creators={shownCreators} renderActions={renderActions} />
      ) : (
        <ul
          className="row row-cols-1 row-cols-md-2 row-cols-xl-3 g-3 list-unstyled"
          aria-label={`Videos tagged #${results.tag}`}
        >
          {shownVideos.map((entry) => (
            <li key={entry.video.id} className="col">
              <HashtagVideoCard entry={entry} action={renderActions(entry.creator)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
