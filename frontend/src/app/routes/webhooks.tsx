// /settings/webhooks: endpoints that receive the workspace's events as they are recorded (owners only).
import Alert from 'react-bootstrap/Alert';
import { SectionCard } from '@/components/ui/SectionCard';
import { WebhooksPanel } from '@/features/webhooks/components/WebhooksPanel';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useIsOwner } from '@/lib/auth/roles';

export function WebhooksRoute() {
  useDocumentTitle('Webhooks');
  const isOwner = useIsOwner();
  return (
    <SectionCard
      id="webhooks"
      title="Webhooks"
      summary="Send each new event to another service (Slack, Zapier, your own code) the moment it is recorded, signed so it can tell the events are from here."
    >
      {isOwner ? <WebhooksPanel /> : <Alert variant="info">Only the workspace’s owners can manage webhooks.</Alert>}
    </SectionCard>
  );
}
