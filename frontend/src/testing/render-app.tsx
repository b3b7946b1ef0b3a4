// Renders the whole app at an address, as a visitor arriving there would see it: the real
// routes, providers and API client, with MSW standing in for the server.
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider } from '@/app/provider';
import { routes } from '@/app/routes';
import { WORKSPACE_STORAGE_KEY } from '@/lib/auth/session';
import { createQueryClient } from '@/lib/query-client';

/** `workspaceId`: the workspace this browser chose last time, which a page load starts in. */
export function renderApp(url: string, { workspaceId }: { workspaceId?: string } = {}) {
  if (workspaceId) localStorage.setItem(WORKSPACE_STORAGE_KEY, workspaceId);
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const queryClient = createQueryClient();
  // Failures should show at once in tests, not after retries.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const user = userEvent.setup();
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, user, router, queryClient };
}
