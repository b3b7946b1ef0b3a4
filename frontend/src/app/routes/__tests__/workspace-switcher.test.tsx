import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_STORAGE_KEY } from '@/lib/auth/session';
import { http } from '@/testing/mock-api';
import { addList, addTeam, personalWorkspaceOf, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

function switcher(): HTMLSelectElement {
  return within(screen.getByRole('banner')).getByRole('combobox', { name: 'Workspace' });
}

describe('workspace switcher', () => {
  it('is not there for someone in one workspace', async () => {
    signedInUser();
    renderApp('/lists');

    await screen.findByRole('heading', { name: 'Lists', level: 1 });

    expect(within(screen.getByRole('banner')).queryByRole('combobox', { name: 'Workspace' })).not.toBeInTheDocument();
  });

  it('names each workspace with the role held there', async () => {
    const maya = signedInUser();
    addTeam(maya, 'viewer');
    renderApp('/lists');

    await screen.findByRole('heading', { name: 'Lists', level: 1 });

    const options = within(switcher()).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(["Maya's workspace (Owner)", 'Northwind (Viewer)']);
    expect(switcher()).toHaveDisplayValue("Maya's workspace (Owner)");
  });

  it('switches: goes to the lists page, shows the other workspace’s lists and remembers the choice', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'viewer');
    addList({ name: 'Own picks' }, personalWorkspaceOf(maya));
    addList({ name: 'Team picks' }, team);
    const workspaceHeaders: (string | null)[] = [];
    server.use(
      http.get('/api/v1/lists', ({ request }) => {
        workspaceHeaders.push(request.headers.get('X-Workspace-Id'));
        // Falls through to the regular handler.
        return undefined;
      }),
    );
    const { user, router } = renderApp('/settings');
    await screen.findByRole('heading', { name: 'Settings', level: 1 });

    await user.selectOptions(switcher(), 'Northwind (Viewer)');

    expect(await screen.findByRole('link', { name: 'Team picks' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Own picks' })).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/lists');
    expect(workspaceHeaders.at(-1)).toBe(team.id);
    expect(localStorage.getItem(WORKSPACE_STORAGE_KEY)).toBe(team.id);
  });

  it('empties what the old workspace showed: back on a page it loaded, the new workspace’s data loads', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'owner');
    addList({ name: 'Own picks' }, personalWorkspaceOf(maya));
    addList({ name: 'Team picks' }, team);
    const { user } = renderApp('/lists');
    await screen.findByRole('link', { name: 'Own picks' });

    await user.selectOptions(switcher(), 'Northwind (Owner)');
    await screen.findByRole('link', { name: 'Team picks' });
    await user.selectOptions(switcher(), "Maya's workspace (Owner)");

    expect(await screen.findByRole('link', { name: 'Own picks' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Team picks' })).not.toBeInTheDocument();
  });

  it('starts in the workspace chosen last time on this browser', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'editor');
    addList({ name: 'Team picks' }, team);
    renderApp('/lists', { workspaceId: team.id });

    expect(await screen.findByRole('link', { name: 'Team picks' })).toBeInTheDocument();
    expect(switcher()).toHaveDisplayValue('Northwind (Editor)');
  });
});
