// Downloads the dashboard as CSV, in the order on screen.
import Button from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';
import { describeError } from '@/lib/api/problem';
import { useExportDashboard } from '../api/export-dashboard';
import type { DashboardSorting } from '../api/get-dashboard';

type ExportDashboardButtonProps = { listId: string; listName: string; sorting: DashboardSorting };

export function ExportDashboardButton({ listId, listName, sorting }: ExportDashboardButtonProps) {
  const exportMutation = useExportDashboard();
  return (
    <div className="d-flex flex-column align-items-end">
      <Button
        variant="outline-secondary"
        disabled={exportMutation.isPending}
        onClick={() => exportMutation.mutate({ listId, listName, sorting })}
      >
        {exportMutation.isPending && (
          <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />
        )}
        Export CSV
      </Button>
      {exportMutation.isError && (
        <div role="alert" className="small text-danger mt-1">
          Could not export: {describeError(exportMutation.error)}
        </div>
      )}
    </div>
  );
}
