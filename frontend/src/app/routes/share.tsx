// /share#zzs_…: a list's dashboard for anyone holding a share link, logged in or not.
import { useLocation } from 'react-router';
import { secretFromHash } from '@/config/paths';
import { SharedDashboard } from '@/features/dashboard/components/SharedDashboard';

export function ShareRoute() {
  const { hash } = useLocation();
  const token = secretFromHash(hash);
  // Another link pasted into the address bar starts afresh.
  return <SharedDashboard key={token} token={token} />;
}
