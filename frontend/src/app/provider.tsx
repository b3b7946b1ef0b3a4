// What every screen needs: the query cache, and a session restored from the refresh cookie.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { session } from '@/lib/auth/session';
import { createQueryClient } from '@/lib/query-client';

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());

  useEffect(() => {
    void session.restore();
    // Whatever one user saw must not show up for the next one on this browser.
    return session.subscribe(() => {
      if (session.getSnapshot().status === 'anonymous') client.clear();
    });
  }, [client]);

  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
