import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addCreator, addItem, addList, addTeam, db, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

/** Maya acts in Northwind with `role`; it has one list with one creator. */
function northwindAs(role: 'viewer' | 'editor' | 'owner') {
  const maya = signedInUser();
  const team = addTeam(maya, role);
  const list = addList({ name: 'Team picks' }, team);
  const creator = addCreator('alpha', { display_name: 'Alpha' });
  addItem(list, creator);
  return { team, list, creator };
}

describe('what a viewer sees', () => {
  it('lists without the controls to make, rename or delete one', async () => {
    const { team } = northwindAs('viewer');
    renderApp('/lists', { workspaceId: team.id });

    await screen.findByRole('link', { name: 'Team picks' });

    expect(screen.queryByRole('button', { name: 'New list' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rename Team picks' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete Team picks' })).not.toBeInTheDocument();
  });

  it('a list’s creators without adding, importing, dragging, editing or removing', async () => {
    const { team, list } = northwindAs('viewer');
    renderApp(`/lists/${list.id}`, { workspaceId: team.id });

    const items = await screen.findByRole('list', { name: 'Creators in this list, in order' });

    expect(within(items).getByText('@alpha')).toBeInTheDocument();
    expect(screen.queryByLabelText('Add a creator')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import CSV' })).not.toBeInTheDocument();
    expect(within(items).queryAllByRole('button')).toHaveLength(0);
  });

  it('a creator without recording numbers or asking for a refresh', async () => {
    const { team, creator } = northwindAs('viewer');
    renderApp(`/creators/${creator.id}`, { workspaceId: team.id });

    await screen.findByRole('heading', { name: 'Alpha', level: 1 });

    expect(screen.queryByRole('button', { name: 'Record numbers' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Refresh now' })).not.toBeInTheDocument();
  });

  it('the workspace’s name and their role, without a way to rename it', async () => {
    const { team } = northwindAs('viewer');
    renderApp('/settings', { workspaceId: team.id });

    const section = await screen.findByRole('region', { name: 'Workspace' });

    expect(section).toHaveTextContent('Northwind');
    expect(section).toHaveTextContent('Viewer. Only owners can rename the workspace.');
    expect(within(section).queryByRole('textbox')).not.toBeInTheDocument();
  });
});

describe('what an editor sees', () => {
  it('the controls to change lists and their creators', async () => {
    const { team, list } = northwindAs('editor');
    renderApp(`/lists/${list.id}`, { workspaceId: team.id });

    await screen.findByRole('list', { name: 'Creators in this list, in order' });

    expect(screen.getByLabelText('Add a creator')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Drag to reorder @alpha' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import CSV' })).toBeInTheDocument();
  });

  it('the controls to record a creator’s numbers and refresh them', async () => {
    const { team, creator } = northwindAs('editor');
    renderApp(`/creators/${creator.id}`, { workspaceId: team.id });

    expect(await screen.findByRole('button', { name: 'Record numbers' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh now' })).toBeInTheDocument();
  });
});

describe('an owner renaming the workspace', () => {
  it('saves the new name, which the switcher shows at once', async () => {
    const { team } = northwindAs('owner');
    const { user } = renderApp('/settings', { workspaceId: team.id });
    const form = await screen.findByRole('form', { name: 'Workspace name' });

    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Northwind Apparel');
    await user.click(within(form).getByRole('button', { name: 'Rename workspace' }));

    expect(await within(form).findByText('Saved.')).toBeInTheDocument();
    expect(db.workspaces.find((workspace) => workspace.id === team.id)?.name).toBe('Northwind Apparel');
    expect(within(screen.getByRole('banner')).getByRole('combobox', { name: 'Workspace' })).toHaveDisplayValue(
      'Northwind Apparel (Owner)',
    );
  });
});
