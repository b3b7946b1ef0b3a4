// What every screen needs: the query cache, and a session restored from the refresh cookie. The cache
// holds one user's view of one workspace, so it is emptied when either changes.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { session } from '@/lib/auth/session';
import { createQueryClient } from '@/lib/query-client';

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());

  useEffect(() => {
    void session.restore();
    let wasAuthenticated = session.getSnapshot().status === 'authenticated';
    let workspaceId = session.workspaceId();
    return session.subscribe(() => {
      // Whatever one user saw must not show up for the next one on this browser. Only a session that
      // ends leaves anything behind: finding none on a page load must not empty the cache, which would
      // strand the queries of a page opened from a link (an invitation, a shared dashboard) still loading.
      const authenticated = session.getSnapshot().status === 'authenticated';
      if (wasAuthenticated && !authenticated) client.clear();
      wasAuthenticated = authenticated;
      // Nor what one workspace holds in another: the queries on screen load again, the rest when next used.
      const previous = workspaceId;
      workspaceId = session.workspaceId();
      if (previous && workspaceId && previous !== workspaceId) void client.resetQueries();
    });
  }, [client]);

  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
