// The analytics section of a creator's page: growth, projection, engagement, price and return,
// outliers, authenticity, audience fit and the audience data behind it. Every number shows its
// formula, window and sample size on hover or focus.
import type { ReactNode } from 'react';
import Card from 'react-bootstrap/Card';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { RisingBadge } from '@/components/ui/RisingBadge';
import { tierLabel } from '@/lib/analytics-format';
import { formatDateTime, formatDay } from '@/lib/format';
import { useCreatorAnalytics } from '../api/get-creator-analytics';
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
  wide = false,
}: {
  id: string;
  title: string;
  children: ReactNode;
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
        <Card.Body>{children}</Card.Body>
      </Card>
    </div>
  );
}

type CreatorAnalyticsSectionProps = { creatorId: string; handle: string };

export function CreatorAnalyticsSection({ creatorId, handle }: CreatorAnalyticsSectionProps) {
  const analyticsQuery = useCreatorAnalytics(creatorId);

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
          <Panel id="analytics-growth" title="Growth">
            <GrowthPanel growth={analytics.growth} />
          </Panel>
          <Panel id="analytics-projection" title="Projection">
            <ProjectionPanel analytics={analytics} />
          </Panel>
          <Panel id="analytics-engagement" title="Engagement">
            <EngagementPanel analytics={analytics} />
          </Panel>
          <Panel id="analytics-price" title="Tier and fair price">
            <PricePanel analytics={analytics} />
          </Panel>
          <Panel id="analytics-outliers" title="Outlier videos" wide>
            <OutliersPanel outliers={analytics.outliers} handle={handle} />
          </Panel>
          <Panel id="analytics-returns" title="Gifting a product">
            <ReturnsPanel returns={analytics.returns} />
          </Panel>
          <Panel id="analytics-authenticity" title="Authenticity">
            <AuthenticityPanel authenticity={analytics.authenticity} />
          </Panel>
          <Panel id="analytics-fit" title="Audience fit">
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
