// /settings/api-keys: keys that let other tools (spreadsheets, scripts) use the API (owners only).
import Alert from 'react-bootstrap/Alert';
import { SectionCard } from '@/components/ui/SectionCard';
import { ApiKeysPanel } from '@/features/api-keys/components/ApiKeysPanel';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useIsOwner } from '@/lib/auth/roles';

export function ApiKeysRoute() {
  useDocumentTitle('API keys');
  const isOwner = useIsOwner();
  return (
    <SectionCard
      id="api-keys"
      title="API keys"
      summary="Let another tool read or change this workspace’s lists and creators through the API, without your password."
    >
      {isOwner ? <ApiKeysPanel /> : <Alert variant="info">Only the workspace’s owners can manage API keys.</Alert>}
    </SectionCard>
  );
}
