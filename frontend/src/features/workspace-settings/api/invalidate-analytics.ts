// The queries whose numbers depend on the workspace's settings: every creator's analytics, every
// list's dashboard and the rising creators.
import type { QueryClient } from '@tanstack/react-query';

export function invalidateAnalytics(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['creators'] }),
    queryClient.invalidateQueries({ queryKey: ['lists'] }),
    queryClient.invalidateQueries({ queryKey: ['discover'] }),
  ]);
}
