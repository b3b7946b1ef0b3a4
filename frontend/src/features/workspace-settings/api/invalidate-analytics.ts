// The queries whose numbers depend on the workspace's settings: every creator's analytics, every
// list's dashboard, the rising creators and every campaign's report (its estimates and proposals).
import type { QueryClient } from '@tanstack/react-query';

export function invalidateAnalytics(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['creators'] }),
    queryClient.invalidateQueries({ queryKey: ['lists'] }),
    queryClient.invalidateQueries({ queryKey: ['discover'] }),
    queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  ]);
}
