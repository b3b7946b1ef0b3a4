// Downloads the report as CSV.
import Button from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';
import { describeError } from '@/lib/api/problem';
import { useExportCampaignReport } from '../api/export-campaign-report';

export function ExportReportButton({ campaignId, campaignName }: { campaignId: string; campaignName: string }) {
  const exportMutation = useExportCampaignReport();
  return (
    <div className="d-flex flex-column align-items-end">
      <Button
        variant="outline-secondary"
        disabled={exportMutation.isPending}
        onClick={() => exportMutation.mutate({ campaignId, campaignName })}
      >
        {exportMutation.isPending && (
          <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />
        )}
        Download report CSV
      </Button>
      {exportMutation.isError && (
        <div role="alert" className="small text-danger mt-1">
          Could not download: {describeError(exportMutation.error)}
        </div>
      )}
    </div>
  );
}
