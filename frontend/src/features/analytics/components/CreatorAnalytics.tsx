// The analytics section of a creator's page: growth, projection, engagement, price and return,
// outliers, authenticity, audience fit and the audience data behind it. Every number says what it
// means, its window and its sample size on hover or focus; each panel keeps its exact formulas under
// "How is this computed?".
import { useMemo, type ReactNode } from 'react';
import Card from 'react-bootstrap/Card';
import { ErrorState } from '@/components/ui/ErrorState';
import { FormulaDetails, type Formula } from '@/components/ui/FormulaDetails';
import { LoadingState } from '@/components/ui/LoadingState';
import { RisingBadge } from '@/components/ui/RisingBadge';
import { tierLabel } from '@/lib/analytics-format';
import { formatDateTime, formatDay } from '@/lib/format';
import { useCreatorAnalytics, type CreatorAnalytics } from '../api/get-creator-analytics';
import { AudiencePanel } from './AudiencePanel';
import { AuthenticityPanel } from './AuthenticityPanel';
import { EngagementPanel } from './EngagementPanel';
import { FitPanel } from './FitPanel';
import { GrowthPanel } from './GrowthPanel';
import { OutliersPanel } from './OutliersPanel';
import { PricePanel } from './PricePanel';
import { ProjectionPanel } from './ProjectionPanel';
import { ReturnsPanel } from './ReturnsPanel';
import './analytics.css';

function Panel({
  id,
  title,
  children,
  formulas = [],
  formulaNotes,
  wide = false,
}: {
  id: string;
  title: string;
  children: ReactNode;
  /** The formulas behind the panel's numbers, for its "How is this computed?". */
  formulas?: readonly Formula[];
  formulaNotes?: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'col-12' : 'col-lg-6'}>
      <Card as="section" className="h-100" aria-labelledby={id}>
        <Card.Header>
          <h3 id={id} className="h6 mb-0">
            {title}
          </h3>
        </Card.Header>
        <Card.Body>
          {children}
          <FormulaDetails formulas={formulas}>{formulaNotes}</FormulaDetails>
        </Card.Body>
      </Card>
    </div>
  );
}

/** The formulas behind each panel's numbers. */
function formulasOf(analytics: CreatorAnalytics) {
  const {
    growth,
    projection,
    engagement,
    fair_price: price,
    outliers,
    returns,
    fit,
    content_signal: content,
  } = analytics;
  const followerWindow = growth.followers.windows[0];
  const video = outliers.videos[0];
  return {
    growth: followerWindow
      ? [
          followerWindow.absolute,
          followerWindow.percent,
          followerWindow.average_daily_gain,
          growth.followers.acceleration.ratio,
        ]
      : [growth.followers.acceleration.ratio],
    projection: [projection.linear_daily_gain, projection.weighted_daily_gain, projection.residual_standard_error],
    engagement: [
      engagement.by_views,
      engagement.by_followers,
      engagement.by_views_total,
      engagement.by_views_mean_of_rates,
      engagement.expected_views,
    ],
    price: [price.price, price.cost_per_view, price.cost_per_engagement, price.per_thousand_target_followers],
    outliers: [
      outliers.median_views,
      ...(video ? [video.multiple, video.views_per_follower, video.engagement_rate] : []),
    ],
    returns: [
      returns.expected_clicks,
      returns.expected_orders,
      returns.cost_per_expected_order,
      returns.expected_revenue,
      returns.revenue_per_gift_cost,
    ],
    authenticity: analytics.authenticity.signals.map((signal) => ({ formula: signal.formula })),
    fit: [fit, content, content.region_match, content.interest_match],
  } satisfies Record<string, readonly Formula[]>;
}

type CreatorAnalyticsSectionProps = {
  creatorId: string;
  handle: string;
};

export function CreatorAnalyticsSection({ creatorId, handle }: CreatorAnalyticsSectionProps) {
  const analyticsQuery = useCreatorAnalytics(creatorId);
  // The videos the analytics name by id come with them, to be shown by caption and cover.
  const named = analyticsQuery.data?.videos;
  const videosById = useMemo(() => new Map(named?.map((video) => [video.id, video])), [named]);

  let content: ReactNode;
  if (analyticsQuery.isPending) content = <LoadingState label="Computing analytics…" />;
  else if (analyticsQuery.isError) {
    content = (
      <ErrorState
        title="Could not load the analytics."
        error={analyticsQuery.error}
        onRetry={() => void analyticsQuery.refetch()}
      />
    );
  } else {
    const { analytics } = analyticsQuery.data;
    const formulas = formulasOf(analytics);
    content = (
      <>
        <div className="d-flex flex-wrap align-items-center gap-2 mb-3">
          {analytics.tier && (
            <span className="badge text-bg-light border" title={`${analytics.tier.band} followers`}>
              {tierLabel(analytics.tier.tier)} tier
            </span>
          )}
          {analytics.rising.rising ? (
            <RisingBadge rising={analytics.rising} id={creatorId} />
          ) : (
            <span className="small text-body-secondary">Not rising: {analytics.rising.reasons.join('; ')}.</span>
          )}
          <span className="small text-body-secondary ms-auto">
            {analytics.as_of ? `Data up to ${formatDay(analytics.as_of)} · ` : ''}computed{' '}
            {formatDateTime(analytics.computed_at)}
          </span>
        </div>
        <div className="row g-3">
          <Panel id="analytics-growth" title="Growth" formulas={formulas.growth}>
            <GrowthPanel growth={analytics.growth} />
          </Panel>
          <Panel id="analytics-projection" title="Projection" formulas={formulas.projection}>
            <ProjectionPanel analytics={analytics} />
          </Panel>
          <Panel id="analytics-engagement" title="Engagement" formulas={formulas.engagement}>
            <EngagementPanel analytics={analytics} />
          </Panel>
          <Panel
            id="analytics-price"
            title="Tier and fair price"
            formulas={formulas.price}
            formulaNotes={
              analytics.fair_price.rate_card && (
                <p className="mb-0">
                  Rate card: the per-post prices TikTok creators of this size publish, from{' '}
                  {analytics.fair_price.rate_card.source}.
                </p>
              )
            }
          >
            <PricePanel analytics={analytics} />
          </Panel>
          <Panel id="analytics-outliers" title="Outlier videos" formulas={formulas.outliers} wide>
            <OutliersPanel outliers={analytics.outliers} handle={handle} videos={videosById} />
          </Panel>
          <Panel id="analytics-returns" title="Gifting a product" formulas={formulas.returns}>
            <ReturnsPanel returns={analytics.returns} />
          </Panel>
          <Panel id="analytics-authenticity" title="Authenticity" formulas={formulas.authenticity}>
            <AuthenticityPanel authenticity={analytics.authenticity} handle={handle} videos={videosById} />
          </Panel>
          <Panel id="analytics-fit" title="Audience fit" formulas={formulas.fit}>
            <FitPanel analytics={analytics} />
          </Panel>
          <Panel id="analytics-audience" title="Audience">
            <AudiencePanel creatorId={creatorId} />
          </Panel>
        </div>
      </>
    );
  }

  return (
    <section aria-labelledby="analytics-title" className="mt-4">
      <h2 id="analytics-title" className="h4 mb-3">
        Analytics
      </h2>
      {content}
    </section>
  );
}
