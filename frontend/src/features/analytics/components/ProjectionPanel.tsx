// Where the follower count is heading: the projection chart, the next milestone at the 30-day and at
// the recent-weighted pace, and a warning when one spike drives the numbers.
import Alert from 'react-bootstrap/Alert';
import { MeasureValue } from '@/components/ui/MeasureValue';
import { describeUnavailable, formatDailyGain, formatShare } from '@/lib/analytics-format';
import { formatChange, formatCompact, formatDay, formatWhole } from '@/lib/format';
import type { components } from '@/lib/api/schema';
import type { CreatorAnalytics } from '../api/get-creator-analytics';
import { ProjectionChart } from './ProjectionChart';

type Milestone = components['schemas']['Milestone'];

/** "~100K in about 47 days (16 Aug 2026)", or "~100K: not reached at the current pace". */
export function describeMilestone(milestone: Milestone): string {
  if (milestone.goal == null) return 'no next milestone';
  const goal = `~${formatCompact(milestone.goal)}`;
  if (!milestone.reachable || milestone.days == null) return `${goal}: not reached at the current pace`;
  const when = milestone.date ? ` (${formatDay(milestone.date)})` : '';
  return `${goal} in about ${formatWhole(milestone.days)} ${milestone.days === 1 ? 'day' : 'days'}${when}`;
}

function describeMissingProjection(projection: CreatorAnalytics['projection']): string {
  const reason =
    projection.unavailable && projection.unavailable !== 'not_enough_history'
      ? ` (${describeUnavailable(projection.unavailable)})`
      : '';
  const history = projection.history_days != null ? ` (this creator has ${projection.history_days} days)` : '';
  return (
    `No projection yet${reason}. zzyzx projects only from at least 30 days of history${history}, ` +
    'and never further ahead than twice the history it has.'
  );
}

function MilestoneLine({ label, milestone }: { label: string; milestone: Milestone }) {
  return (
    <li>
      <span className="text-body-secondary">{label}:</span> {describeMilestone(milestone)}
      {milestone.reachable && milestone.beyond_reliable_horizon && (
        <span className="small text-body-secondary">
          {' '}
          (further ahead than twice the history, so only a rough guess)
        </span>
      )}
    </li>
  );
}

export function ProjectionPanel({ analytics }: { analytics: CreatorAnalytics }) {
  const { projection } = analytics;
  if (projection.unavailable || projection.points.length === 0) {
    return <p className="mb-0 text-body-secondary">{describeMissingProjection(projection)}</p>;
  }
  const spike = projection.largest_day;
  return (
    <>
      {projection.driven_by_spike && (
        <Alert variant="warning" className="small">
          <strong>Driven by a spike.</strong>{' '}
          {spike
            ? `The biggest day (${formatChange(Math.round(spike.gain))} on ${formatDay(spike.date)}) made ${formatShare(spike.share_of_net)} of the 30-day gain of ${formatChange(spike.net_gain)}, `
            : 'One day made more than half of the 30-day gain, '}
          so these projections may overstate steady growth.
        </Alert>
      )}
      <ProjectionChart dailyGains={analytics.daily_gains} projection={projection} />
      <ul className="list-unstyled mb-2">
        <MilestoneLine label="At the 30-day pace" milestone={projection.milestone} />
        <MilestoneLine label="At the recent-weighted pace" milestone={projection.milestone_weighted} />
      </ul>
      <dl className="row small mb-0">
        <dt className="col-7 fw-normal text-body-secondary">30-day pace</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue measure={projection.linear_daily_gain} format={formatDailyGain} />
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Recent-weighted pace</dt>
        <dd className="col-5 mb-1 text-end">
          <MeasureValue measure={projection.weighted_daily_gain} format={formatDailyGain} />
        </dd>
        <dt className="col-7 fw-normal text-body-secondary">Day-to-day wobble (sets the 80% band)</dt>
        <dd className="col-5 mb-0 text-end">
          <MeasureValue
            measure={projection.residual_standard_error}
            format={(value) => `±${formatWhole(Math.round(value))}`}
          />
        </dd>
      </dl>
      <p className="small text-body-secondary mb-0 mt-2">
        {projection.horizon_days} days ahead, from {projection.history_days ?? 0} days of history.
      </p>
    </>
  );
}
