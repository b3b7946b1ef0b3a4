// A campaign's report as a share link shows it to people without an account: read-only and clearly
// labelled, with no links into the app and nothing private (the server leaves out contacts, tracking
// links, order ids and codes).
import Badge from 'react-bootstrap/Badge';
import { ErrorState } from '@/components/ui/ErrorState';
import { LinkDoesNotWork } from '@/components/ui/LinkDoesNotWork';
import { LoadingState } from '@/components/ui/LoadingState';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { ApiProblem } from '@/lib/api/problem';
import { formatDateTime, formatDay } from '@/lib/format';
import { useSharedCampaignReport } from '../api/get-shared-campaign-report';
import { CampaignStatusBadge, DemoBadge } from './CampaignBadges';
import { ReportBody } from './ReportPanel';

export function SharedCampaignReport({ token }: { token: string }) {
  const reportQuery = useSharedCampaignReport(token);
  useDocumentTitle(reportQuery.data ? `${reportQuery.data.campaign.name}: shared report` : 'Shared report');

  if (!token) return <LinkDoesNotWork />;
  if (reportQuery.isPending) return <LoadingState label="Loading the report…" />;
  if (reportQuery.isError) {
    if (reportQuery.error instanceof ApiProblem && reportQuery.error.status === 401) return <LinkDoesNotWork />;
    return (
      <ErrorState
        title="Could not load the report."
        error={reportQuery.error}
        onRetry={() => void reportQuery.refetch()}
      />
    );
  }
  const report = reportQuery.data;
  const { campaign } = report;

  return (
    <section aria-labelledby="shared-report-title">
      <Badge bg="info" text="dark" className="mb-2">
        Shared campaign report · read-only
      </Badge>
      <h1 id="shared-report-title" className="h3 mb-1 text-break">
        {campaign.name}
      </h1>
      <p className="mb-1 d-flex flex-wrap align-items-center gap-2">
        <CampaignStatusBadge status={campaign.status} />
        <DemoBadge campaign={campaign} />
        <span>
          {formatDay(campaign.starts_on)} – {formatDay(campaign.ends_on)} · {campaign.product.name}
        </span>
      </p>
      <p className="small text-body-secondary">
        Computed {formatDateTime(report.computed_at)}; amounts in {report.currency}
      </p>
      <ReportBody report={report} />
    </section>
  );
}
