// Says, above the lists, when this server's data source is the demo one: everything it adds is
// synthetic, as the dashboard, the rising page and each creator's page also say.
import Alert from 'react-bootstrap/Alert';
import { useSourceStatus } from '../api/get-source-status';

export function DemoSourceNotice() {
  const statusQuery = useSourceStatus();
  if (statusQuery.data?.source !== 'demo') return null;
  return (
    <Alert variant="warning" role="note">
      <strong>Demo data.</strong> This server uses the demo data source: the creators and numbers it brings in are
      synthetic, for trying zzyzx out, not real TikTok accounts.
    </Alert>
  );
}
