// /share/campaign#zzs_…: a campaign's report for anyone holding a share link, logged in or not.
import { useLocation } from 'react-router';
import { secretFromHash } from '@/config/paths';
import { SharedCampaignReport } from '@/features/campaigns/components/SharedCampaignReport';

export function SharedCampaignRoute() {
  const { hash } = useLocation();
  const token = secretFromHash(hash);
  // Another link pasted into the address bar starts afresh.
  return <SharedCampaignReport key={token} token={token} />;
}
