// Says when a dashboard's numbers come from the demo source rather than real TikTok accounts.
import Alert from 'react-bootstrap/Alert';
import type { DashboardTableRow } from '../api/get-dashboard';

export function DemoDataAlert({ rows }: { rows: DashboardTableRow[] }) {
  if (!rows.some((row) => row.latest?.source === 'demo')) return null;
  return (
    <Alert variant="warning">
      <strong>Demo data.</strong> Some of these numbers come from the demo source: synthetic creators for trying zzyzx
      out, not real TikTok accounts.
    </Alert>
  );
}
