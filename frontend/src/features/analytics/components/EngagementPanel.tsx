// Engagement of the last 30 videos, by views and by followers side by side (§1.3), with the window
// and sample stated; the other two by-views variants for comparison; and the tier's benchmark.
import { describeWindow, MeasureValue } from '@/components/ui/MeasureValue';
import { formatPercent, tierLabel } from '@/lib/analytics-format';
import { formatWhole } from '@/lib/format';
import type { CreatorAnalytics, Measure } from '../api/get-creator-analytics';

function Rate({ label, measure, note }: { label: string; measure: Measure; note: string }) {
  const window = describeWindow(measure);
  return (
    <div className="col-sm-6">
      <dt className="fw-normal text-body-secondary">{label}</dt>
      <dd className="mb-0">
        <span className="h4">
          <MeasureValue measure={measure} format={formatPercent} />
        </span>
        <span className="d-block small text-body-secondary">
          {note}
          {window && `, ${window}`} ({measure.sample_size} {measure.sample_size === 1 ? 'video' : 'videos'})
        </span>
      </dd>
    </div>
  );
}

export function EngagementPanel({ analytics }: { analytics: CreatorAnalytics }) {
  const { engagement, tier } = analytics;
  return (
    <>
      <dl className="row g-3 mb-3">
        <Rate label="By views" measure={engagement.by_views} note="median" />
        <Rate label="By followers" measure={engagement.by_followers} note="median" />
      </dl>
      <dl className="row small mb-0">
        <dt className="col-8 fw-normal text-body-secondary">By views, total (biggest video weighs most)</dt>
        <dd className="col-4 mb-1 text-end">
          <MeasureValue measure={engagement.by_views_total} format={formatPercent} hideReason />
        </dd>
        <dt className="col-8 fw-normal text-body-secondary">By views, mean of each video’s rate</dt>
        <dd className="col-4 mb-1 text-end">
          <MeasureValue measure={engagement.by_views_mean_of_rates} format={formatPercent} hideReason />
        </dd>
        <dt className="col-8 fw-normal text-body-secondary">Expected views of the next video</dt>
        <dd className="col-4 mb-1 text-end">
          <MeasureValue
            measure={engagement.expected_views}
            format={(value) => formatWhole(Math.round(value))}
            hideReason
          />
        </dd>
        {tier && (
          <>
            <dt className="col-8 fw-normal text-body-secondary">
              Typical by views for {tierLabel(tier.tier).toLowerCase()} creators
            </dt>
            <dd className="col-4 mb-0 text-end">{formatPercent(tier.benchmark_engagement_percent)}</dd>
          </>
        )}
      </dl>
    </>
  );
}
