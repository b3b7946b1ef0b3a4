// The rising creators matching the filters, as cards; or, when none match, what "rising" means so
// an empty page still teaches something.
import type { ReactNode } from 'react';
import Alert from 'react-bootstrap/Alert';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { formatMultiple } from '@/lib/analytics-format';
import { formatCompact, formatDateTime } from '@/lib/format';
import { useRising, type RisingCreator, type RisingFilters } from '../api/get-rising';
import { RisingCreatorCard } from './RisingCreatorCard';

/** The workspace's thresholds, when known, so the explanation names the real numbers. */
export type RisingCriteria = { viralMultiple: number; followerCeiling: number };

export function RisingDefinition({ criteria }: { criteria: RisingCriteria | null }) {
  const multiple = criteria ? formatMultiple(criteria.viralMultiple) : 'the viral multiple (5× unless changed)';
  const ceiling = criteria ? formatCompact(criteria.followerCeiling) : 'the follower ceiling (1M unless changed)';
  return (
    <>
      A creator is <strong>rising</strong> when their growth is accelerating (they gained more followers a day over the
      last 7 days than over the last 30) <em>and</em> one of their videos from the last 30 days reached {multiple} their
      median views, while they still have fewer than {ceiling} followers. Both thresholds can be changed in Settings
      under Analytics assumptions.
    </>
  );
}

type RisingCreatorsProps = {
  filters: RisingFilters;
  criteria: RisingCriteria | null;
  /** A control for each card's creator (adding them to a campaign), or nothing. */
  renderAction?: (creator: RisingCreator['creator']) => ReactNode;
};

export function RisingCreators({ filters, criteria, renderAction }: RisingCreatorsProps) {
  const risingQuery = useRising(filters);
  if (risingQuery.isPending) return <LoadingState label="Finding rising creators…" />;
  if (risingQuery.isError) {
    return (
      <ErrorState
        title="Could not load the rising creators."
        error={risingQuery.error}
        onRetry={() => void risingQuery.refetch()}
      />
    );
  }
  const { items, computed_at: computedAt } = risingQuery.data;
  const filtered = filters.tier !== null || filters.minFit !== null;
  if (items.length === 0) {
    return (
      <EmptyState title={filtered ? 'No rising creators match these filters' : 'No rising creators right now'}>
        <p className="mb-2">
          <RisingDefinition criteria={criteria} />
        </p>
        <p className="mb-0">
          zzyzx looks at every creator in your lists and those you met through hashtags or imports. Rising needs at
          least 30 days of history, so new creators show up here after a month of tracking.
        </p>
      </EmptyState>
    );
  }
  const hasDemoData = items.some((item) => item.latest?.source === 'demo');
  return (
    <div aria-busy={risingQuery.isPlaceholderData}>
      {hasDemoData && (
        <Alert variant="warning">
          <strong>Demo data.</strong> Some of these creators come from the demo source and are not real TikTok accounts.
        </Alert>
      )}
      <p className="small text-body-secondary">
        {items.length} {items.length === 1 ? 'creator' : 'creators'}, fastest accelerating first · computed{' '}
        {formatDateTime(computedAt)}
      </p>
      <details className="small mb-3">
        <summary>What counts as rising?</summary>
        <RisingDefinition criteria={criteria} />
      </details>
      <ul className="row g-3 list-unstyled" aria-label="Rising creators">
        {items.map((item) => (
          <li key={item.creator.id} className="col-md-6 col-xl-4">
            <RisingCreatorCard item={item} action={renderAction?.(item.creator)} />
          </li>
        ))}
      </ul>
    </div>
  );
}
