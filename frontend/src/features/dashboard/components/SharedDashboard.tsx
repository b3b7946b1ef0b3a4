// A list's dashboard as a share link shows it to people without an account: read-only and clearly
// labelled, with no links into the app, no notes or tags and no export. The order is kept on the page
// rather than in the address, whose fragment holds the link's secret.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LinkDoesNotWork } from '@/components/ui/LinkDoesNotWork';
import { LoadingState } from '@/components/ui/LoadingState';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { ApiProblem } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/format';
import { DEFAULT_SORTING, nextSorting } from '../api/dashboard-sorting';
import { useSharedDashboard } from '../api/get-shared-dashboard';
import { DashboardTable } from './DashboardTable';
import { DashboardTotals } from './DashboardTotals';
import { DemoDataAlert } from './DemoDataAlert';

export function SharedDashboard({ token }: { token: string }) {
  const [sorting, setSorting] = useState(DEFAULT_SORTING);
  const dashboardQuery = useSharedDashboard(token, sorting);
  useDocumentTitle(dashboardQuery.data ? `${dashboardQuery.data.list.name}: shared dashboard` : 'Shared dashboard');

  if (!token) return <LinkDoesNotWork />;
  if (dashboardQuery.isPending) return <LoadingState label="Loading the dashboard…" />;
  if (dashboardQuery.isError) {
    if (dashboardQuery.error instanceof ApiProblem && dashboardQuery.error.status === 401) return <LinkDoesNotWork />;
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
    <section aria-labelledby="shared-dashboard-title">
      <Badge bg="info" text="dark" className="mb-2">
        Shared dashboard · read-only
      </Badge>
      <h1 id="shared-dashboard-title" className="h3 mb-1 text-break">
        {dashboard.list.name}
      </h1>
      {dashboard.list.description && <p className="text-body-secondary mb-1">{dashboard.list.description}</p>}
      <p className="small text-body-secondary">Computed {formatDateTime(dashboard.computed_at)}</p>
      <DemoDataAlert rows={dashboard.rows} />
      <DashboardTotals totals={dashboard.totals} />
      {dashboard.rows.length === 0 ? (
        <EmptyState title="No creators in this list yet" />
      ) : (
        <DashboardTable
          rows={dashboard.rows}
          sorting={sorting}
          onSort={(clicked) => setSorting(nextSorting(sorting, clicked))}
          busy={dashboardQuery.isPlaceholderData}
          linkCreators={false}
        />
      )}
    </section>
  );
}
