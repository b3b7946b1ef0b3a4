// Moves the app to another of the user's workspaces: first to the lists page, which every workspace
// has, then the switch itself, after which the provider reloads what is on screen. In that order no
// page ever shows one workspace's data while asking the other for its own ids. The page left is
// replaced in the history: going back to it would ask the new workspace for the old one's ids.
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { session } from '@/lib/auth/session';

export function useSwitchWorkspace(): (workspaceId: string) => Promise<void> {
  const navigate = useNavigate();
  return async (workspaceId) => {
    await navigate(paths.lists, { replace: true });
    session.switchWorkspace(workspaceId);
  };
}
