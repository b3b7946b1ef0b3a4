// The campaign's report: totals, each creator's estimate beside the actual, and the rates the
// campaign measured against the workspace's assumptions, with every formula one click away.
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/ui/ErrorState';
import { FormulaDetails } from '@/components/ui/FormulaDetails';
import { LoadingState } from '@/components/ui/LoadingState';
import { formatDateTime } from '@/lib/format';
import { useCampaignReport, type CampaignReport } from '../api/get-campaign-report';
import { CreatorReportTable } from './CreatorReportTable';
import { ExportReportButton } from './ExportReportButton';
import { proposalFormulas, ProposalsTable, type MeasuredReturns } from './ProposalsTable';
import { ReportTotals, totalsFormulas } from './ReportTotals';

/** The parts a shared report shows too: totals, creators and the formulas behind them. */
export function ReportBody({ report, children }: { report: CampaignReport; children?: ReactNode }) {
  return (
    <>
      <ReportTotals totals={report.totals} currency={report.currency} />
      <section aria-labelledby="report-creators" className="mt-4">
        <h3 id="report-creators" className="h5">
          Creators: estimate and actual
        </h3>
        {report.creators.length === 0 ? (
          <p className="text-body-secondary">No creators in this campaign yet.</p>
        ) : (
          <CreatorReportTable creators={report.creators} currency={report.currency} />
        )}
      </section>
      {children}
      <FormulaDetails
        formulas={[
          ...totalsFormulas(report.totals),
          ...report.creators.flatMap((row) => [row.actual.cost_per_thousand_views, row.actual.roas]),
          ...proposalFormulas(report.proposals),
        ]}
      >
        <p className="mb-0">
          Cost is the product’s unit cost times the units shipped, plus shipping, plus fees. Estimates were made from
          each creator’s recent videos and your analytics assumptions when they joined the campaign.
        </p>
      </FormulaDetails>
    </>
  );
}

type ReportPanelProps = {
  campaignId: string;
  campaignName: string;
  renderApplyProposals?: (measured: MeasuredReturns) => ReactNode;
};

export function ReportPanel({ campaignId, campaignName, renderApplyProposals }: ReportPanelProps) {
  const reportQuery = useCampaignReport(campaignId);
  if (reportQuery.isPending) return <LoadingState label="Computing the report…" />;
  if (reportQuery.isError) {
    return (
      <ErrorState
        title="Could not load the report."
        error={reportQuery.error}
        onRetry={() => void reportQuery.refetch()}
      />
    );
  }
  const report = reportQuery.data;
  return (
    <section aria-labelledby="report-title">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-3">
        <div>
          <h2 id="report-title" className="h4 mb-0">
            Report
          </h2>
          <div className="small text-body-secondary">
            Computed {formatDateTime(report.computed_at)}; amounts in {report.currency}
          </div>
        </div>
        <ExportReportButton campaignId={campaignId} campaignName={campaignName} />
      </div>
      <ReportBody report={report}>
        <section aria-labelledby="report-proposals" className="mt-4">
          <h3 id="report-proposals" className="h5">
            What this campaign says about your assumptions
          </h3>
          <p className="small text-body-secondary">
            Every creator’s expected orders use these rates. Measured values need enough posts, views and orders behind
            them; until then they say why they are missing.
          </p>
          <ProposalsTable proposals={report.proposals} currency={report.currency} renderApply={renderApplyProposals} />
        </section>
      </ReportBody>
    </section>
  );
}
