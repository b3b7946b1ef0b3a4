// Authenticity signals, never a verdict: each jump in followers or following that is worth a look,
// with the evidence beside it; and data-quality flags that are not fraud at all.
import Badge from 'react-bootstrap/Badge';
import { formatMultiple } from '@/lib/analytics-format';
import { formatChange, formatDay, formatWhole } from '@/lib/format';
import type { CreatorAnalytics } from '../api/get-creator-analytics';
import { VideoLink, type KnownVideo } from './VideoLink';

const KIND_LABELS = { follower_step_spike: 'Follower jump', following_spike: 'Following jump' } as const;
const QUALITY_LABELS = {
  zero_count: 'Zero counts',
  negative_count: 'Negative counts',
  rounded_counts: 'Rounded counts',
} as const;

/** The server's phrases start lower case and end without a stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`;
}

type AuthenticityPanelProps = {
  authenticity: CreatorAnalytics['authenticity'];
  handle: string;
  videos: ReadonlyMap<string, KnownVideo>;
};

export function AuthenticityPanel({ authenticity, handle, videos }: AuthenticityPanelProps) {
  const { signals, data_quality: dataQuality } = authenticity;
  return (
    <>
      <p className="mb-2">{authenticity.summary.charAt(0).toUpperCase() + authenticity.summary.slice(1)}.</p>
      {signals.length > 0 && (
        <ul className="list-unstyled mb-2" aria-label="Signals">
          {signals.map((signal) => (
            <li key={`${signal.kind}-${signal.date}`} className="border-start border-3 ps-2 mb-2">
              <div className="d-flex flex-wrap align-items-center gap-2">
                <strong>{KIND_LABELS[signal.kind]}</strong>
                <span className="small text-body-secondary">{formatDay(signal.date)}</span>
                <Badge
                  bg={signal.worth_checking ? 'warning' : 'secondary'}
                  text={signal.worth_checking ? 'dark' : undefined}
                >
                  {signal.label}
                </Badge>
                {signal.round_step && (
                  <Badge bg="light" text="dark">
                    Round step
                  </Badge>
                )}
                {signal.seesaw && (
                  <Badge bg="light" text="dark">
                    Follow/unfollow seesaw
                  </Badge>
                )}
              </div>
              <div className="small">{signal.evidence}</div>
              <div className="small text-body-secondary">
                {formatWhole(signal.before)} → {formatWhole(signal.after)} ({formatChange(signal.change)}); a typical
                day {formatChange(Math.round(signal.typical_daily_change))} over {signal.baseline_days} days
                {signal.multiple_of_typical != null && `, ${formatMultiple(signal.multiple_of_typical)} that`}
                {signal.explained_by && (
                  <>
                    ; a video posted {formatDay(signal.explained_by.posted_at)} got{' '}
                    {formatMultiple(signal.explained_by.multiple)} the usual views (
                    <VideoLink
                      videoId={signal.explained_by.video_id}
                      postedAt={signal.explained_by.posted_at}
                      handle={handle}
                      videos={videos}
                    />
                    )
                  </>
                )}
                {!signal.video_data_covers_date &&
                  '; the videos fetched do not reach back to that day, so a video cause is unknown'}
              </div>
            </li>
          ))}
        </ul>
      )}
      {dataQuality.length > 0 && (
        <>
          <h4 className="h6 mt-3">Data quality (not fraud)</h4>
          <ul className="small mb-0">
            {dataQuality.map((flag) => (
              <li key={`${flag.kind}-${flag.metric}`}>
                <strong>
                  {QUALITY_LABELS[flag.kind]} ({flag.metric})
                </strong>
                : {sentence(flag.explanation)}
                {flag.occurrences > 0 &&
                  ` ${flag.occurrences} ${flag.occurrences === 1 ? 'snapshot' : 'snapshots'}` +
                    (flag.dates.length > 0 ? `, e.g. ${flag.dates.slice(0, 3).map(formatDay).join(', ')}.` : '.')}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
