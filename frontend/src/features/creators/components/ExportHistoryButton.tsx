// Downloads the history shown on screen as a CSV file.
import Button from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';
import { describeError } from '@/lib/api/problem';
import { useExportCreatorHistory } from '../api/export-creator-history';
import type { HistoryRange } from '../api/history-range';

type ExportHistoryButtonProps = { creatorId: string; handle: string; range: HistoryRange };

export function ExportHistoryButton({ creatorId, handle, range }: ExportHistoryButtonProps) {
  const exportMutation = useExportCreatorHistory();
  return (
    <div className="d-flex flex-column align-items-end">
      <Button
        variant="outline-secondary"
        size="sm"
        disabled={exportMutation.isPending}
        onClick={() => exportMutation.mutate({ creatorId, handle, range })}
      >
        {exportMutation.isPending && (
          <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />
        )}
        Export CSV
      </Button>
      {exportMutation.isError && (
        <div role="alert" className="small text-danger mt-1">
          Export failed: {describeError(exportMutation.error)}
        </div>
      )}
    </div>
  );
}
