// A campaign's status (from its dates) and the demo label, as badges that read the same everywhere.
import Badge from 'react-bootstrap/Badge';
import type { Campaign, CampaignStatus } from '../api/get-campaigns';

const STATUS: Record<CampaignStatus, { label: string; bg: string; text?: 'dark' }> = {
  planned: { label: 'Planned', bg: 'secondary' },
  running: { label: 'Running', bg: 'success' },
  finished: { label: 'Finished', bg: 'light', text: 'dark' },
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { label, bg, text } = STATUS[status];
  return (
    <Badge bg={bg} text={text} className={status === 'finished' ? 'border' : undefined}>
      {label}
    </Badge>
  );
}

/** Made by the demo data source: its creators, posts and orders are invented. */
export function DemoBadge({ campaign }: { campaign: Pick<Campaign, 'demo'> }) {
  if (!campaign.demo) return null;
  return (
    <Badge bg="warning" text="dark" title="Made by the demo data source: creators, posts and orders are invented.">
      Demo
    </Badge>
  );
}
