// A creator's page: who they are and how tracking goes (with "Refresh now"), their numbers over
// time as charts and a daily table, with the CSV export and a dialog to record a reading by hand,
// their analytics and connected account (composed by the page), then their top and recent videos. The range lives in the address (`?range=1y`), so a view can be
// bookmarked and shared.
import type { ReactNode } from 'react';
import Card from 'react-bootstrap/Card';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useCanEdit } from '@/lib/auth/roles';
import { useCreator, type Creator } from '../api/get-creator';
import { useCreatorHistory } from '../api/get-creator-history';
import { DEFAULT_HISTORY_RANGE, isHistoryRange, type HistoryRange } from '../api/history-range';
import { CreatorHeader } from './CreatorHeader';
import { DailyGainsTable } from './DailyGainsTable';
import { ExportHistoryButton } from './ExportHistoryButton';
import { HistoryRangeSelector } from './HistoryRangeSelector';
import { MetricCharts, type Growth } from './MetricCharts';
import { CreatorVideos } from './CreatorVideos';
import { RecordMetricButton } from './RecordMetricDialog';
import { RefreshCreatorButton } from './RefreshCreatorButton';
import { TopVideoCard } from './TopVideoCard';

function useHistoryRange(): [HistoryRange, (range: HistoryRange) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('range');
  const range = isHistoryRange(requested) ? requested : DEFAULT_HISTORY_RANGE;
  const setRange = (next: HistoryRange) =>
    setSearchParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set('range', next);
        return updated;
      },
      { replace: true },
    );
  return [range, setRange];
}

type CreatorHistoryProps = { creator: Creator; range: HistoryRange; growth: Growth | undefined };

function CreatorHistory({ creator, range, growth }: CreatorHistoryProps) {
  const historyQuery = useCreatorHistory(creator.id, range);
  if (historyQuery.isPending) return <LoadingState label="Loading history…" />;
  if (historyQuery.isError) {
    return (
      <ErrorState
        title="Could not load the history."
        error={historyQuery.error}
        onRetry={() => void historyQuery.refetch()}
      />
    );
  }
  if (historyQuery.data.length === 0) {
    return (
      <EmptyState title="No history in this range">
        Pick a longer range, import a CSV of past numbers, or record today’s numbers by hand.
      </EmptyState>
    );
  }
  return (
    <div aria-busy={historyQuery.isPlaceholderData}>
      <MetricCharts points={historyQuery.data} range={range} growth={growth} />
      <Card body className="mt-3">
        <DailyGainsTable points={historyQuery.data} />
      </Card>
    </div>
  );
}

type CreatorProfileProps = {
  creatorId: string;
  /** The creator's growth by window, from their analytics (composed by the page); undefined while it loads. */
  growth?: Growth | undefined;
  /** The analytics section, composed by the page (features do not import each other). */
  renderAnalytics?: (creator: Creator) => ReactNode;
  /** The creator's connected-account card, composed by the page. */
  renderConnection?: (creator: Creator) => ReactNode;
};

export function CreatorProfile({ creatorId, growth, renderAnalytics, renderConnection }: CreatorProfileProps) {
  const creatorQuery = useCreator(creatorId);
  const [range, setRange] = useHistoryRange();
  const canEdit = useCanEdit();
  useDocumentTitle(creatorQuery.data ? `@${creatorQuery.data.handle}` : 'Creator');

  if (creatorQuery.isPending) return <LoadingState label="Loading creator…" />;
  if (creatorQuery.isError) {
    return (
      <ErrorState
        title="Could not load this creator."
        error={creatorQuery.error}
        onRetry={() => void creatorQuery.refetch()}
      />
    );
  }
  const creator = creatorQuery.data;

  return (
    <>
      <CreatorHeader creator={creator} actions={canEdit && <RefreshCreatorButton creatorId={creator.id} />} />
      <section aria-labelledby="history-title">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
          <h2 id="history-title" className="h4 mb-0">
            History
          </h2>
          <div className="d-flex flex-wrap align-items-center gap-3">
            <HistoryRangeSelector value={range} onChange={setRange} />
            {canEdit && <RecordMetricButton creator={creator} />}
            <ExportHistoryButton creatorId={creator.id} handle={creator.handle} range={range} />
          </div>
        </div>
        <CreatorHistory creator={creator} range={range} growth={growth} />
      </section>
      {renderAnalytics?.(creator)}
      {renderConnection?.(creator)}
      <div className="row g-3 mt-2">
        <div className="col-lg-8 col-xl-6">
          <TopVideoCard creatorId={creator.id} />
        </div>
      </div>
      <CreatorVideos creatorId={creator.id} />
    </>
  );
}
