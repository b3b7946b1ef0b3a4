// A list's dashboard: totals, then every creator's numbers in a table sorted by any column. The
// order lives in the address (`?sort=growth_7d&order=desc`), so a view can be bookmarked.
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { formatDateTime } from '@/lib/format';
import { nextSorting, parseSorting } from '../api/dashboard-sorting';
import { useDashboard, type DashboardSort, type DashboardSorting } from '../api/get-dashboard';
import { DashboardTable } from './DashboardTable';
import { DashboardTotals } from './DashboardTotals';
import { DemoDataAlert } from './DemoDataAlert';
import { ExportDashboardButton } from './ExportDashboardButton';

function useSorting(): [DashboardSorting, (sort: DashboardSort) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const sorting = parseSorting(searchParams);
  const sortBy = (clicked: DashboardSort) => {
    const next = nextSorting(sorting, clicked);
    setSearchParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set('sort', next.sort);
        updated.set('order', next.order);
        return updated;
      },
      { replace: true },
    );
  };
  return [sorting, sortBy];
}

export function ListDashboard({ listId }: { listId: string }) {
  const [sorting, sortBy] = useSorting();
  const dashboardQuery = useDashboard(listId, sorting);

  if (dashboardQuery.isPending) return <LoadingState label="Loading the dashboard…" />;
  if (dashboardQuery.isError) {
    return (
      <ErrorState
        title="Could not load the dashboard."
        error={dashboardQuery.error}
        onRetry={() => void dashboardQuery.refetch()}
      />
    );
  }
  const dashboard = dashboardQuery.data;

  return (
    <section aria-labelledby="dashboard-title">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-3">
        <div>
          <h2 id="dashboard-title" className="h4 mb-0">
            Dashboard
          </h2>
          <div className="small text-body-secondary">Computed {formatDateTime(dashboard.computed_at)}</div>
        </div>
        <ExportDashboardButton listId={listId} listName={dashboard.list.name} sorting={sorting} />
      </div>
      <DemoDataAlert rows={dashboard.rows} />
      <DashboardTotals totals={dashboard.totals} />
      {dashboard.rows.length === 0 ? (
        <EmptyState title="No creators in this list yet">
          Add creators on the Creators tab; their growth, engagement and outliers show up here.
        </EmptyState>
      ) : (
        <DashboardTable
          rows={dashboard.rows}
          sorting={sorting}
          onSort={sortBy}
          busy={dashboardQuery.isPlaceholderData}
        />
      )}
    </section>
  );
}
