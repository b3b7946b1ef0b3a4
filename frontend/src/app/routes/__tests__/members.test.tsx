import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addInvitation, addMember, addTeam, addUser, db, personalWorkspaceOf, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

function membersTable(): Promise<HTMLElement> {
  return screen.findByRole('table', { name: 'Members' });
}

/** A member's row: its name comes from its cells, the member's name first. */
function row(table: HTMLElement, name: string): HTMLElement {
  return within(table).getByRole('row', { name: new RegExp(`^${name}\\b`) });
}

/** Maya owns her workspace; Sam is an editor in it. */
function mayaWithSam() {
  const maya = signedInUser();
  const sam = addUser({ email: 'sam@example.com', display_name: 'Sam' });
  const workspace = personalWorkspaceOf(maya);
  addMember(workspace, sam, 'editor');
  return { maya, sam, workspace };
}

describe('settings: members (owner)', () => {
  it('lists the members with their roles, and changes a role', async () => {
    const { sam, workspace } = mayaWithSam();
    const { user } = renderApp('/settings/members');
    const table = await membersTable();

    expect(within(row(table, 'Maya')).getByText('you')).toBeInTheDocument();
    expect(table.closest('.wide-table-scroll')).not.toBeNull();
    await user.selectOptions(within(row(table, 'Sam')).getByRole('combobox', { name: 'Role of Sam' }), 'Viewer');

    await within(row(table, 'Sam')).findByDisplayValue('Viewer');
    const member = db.members.find(
      (candidate) => candidate.user_id === sam.id && candidate.workspace_id === workspace.id,
    );
    expect(member?.role).toBe('viewer');
  });

  it('offers the only owner neither another role nor leaving, and says why', async () => {
    mayaWithSam();
    renderApp('/settings/members');
    const table = await membersTable();
    const maya = row(table, 'Maya');

    expect(within(maya).queryByRole('combobox', { name: 'Role of Maya' })).not.toBeInTheDocument();
    expect(maya).toHaveTextContent('OwnerThe only owner');
    expect(within(maya).queryByRole('button', { name: 'Leave workspace' })).not.toBeInTheDocument();
    expect(maya).toHaveTextContent('Make someone else an owner to leave.');
    expect(within(row(table, 'Sam')).getByRole('combobox', { name: 'Role of Sam' })).toBeInTheDocument();
  });

  it('says plainly why an owner cannot step down once the other owner has, and keeps the role', async () => {
    const { sam, workspace } = mayaWithSam();
    const samInWorkspace = db.members.find(
      (candidate) => candidate.user_id === sam.id && candidate.workspace_id === workspace.id,
    );
    if (samInWorkspace) samInWorkspace.role = 'owner';
    const { user } = renderApp('/settings/members');
    const table = await membersTable();
    // Sam steps down in another tab before Maya does.
    if (samInWorkspace) samInWorkspace.role = 'editor';

    await user.selectOptions(within(row(table, 'Maya')).getByRole('combobox', { name: 'Role of Maya' }), 'Editor');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The role was not changed. A workspace needs at least one owner. Make someone else an owner first.',
    );
    expect(within(row(table, 'Maya')).getByRole('combobox', { name: 'Role of Maya' })).toHaveDisplayValue('Owner');
  });

  it('removes a member after asking', async () => {
    mayaWithSam();
    const { user } = renderApp('/settings/members');
    const table = await membersTable();

    await user.click(within(row(table, 'Sam')).getByRole('button', { name: 'Remove Sam' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Sam?' });
    expect(dialog).toHaveTextContent('the API keys they made here stop working');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    await waitFor(() => expect(within(table).queryByRole('row', { name: /^Sam\b/ })).not.toBeInTheDocument());
    // The dialog fades out, which can outlast the row on a busy machine.
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
  });

  it('refuses to let the last owner leave once the other owner has stepped down, saying why', async () => {
    const { sam, workspace } = mayaWithSam();
    const samInWorkspace = db.members.find(
      (candidate) => candidate.user_id === sam.id && candidate.workspace_id === workspace.id,
    );
    if (samInWorkspace) samInWorkspace.role = 'owner';
    const { user } = renderApp('/settings/members');
    const table = await membersTable();
    if (samInWorkspace) samInWorkspace.role = 'editor';

    await user.click(within(row(table, 'Maya')).getByRole('button', { name: 'Leave workspace' }));
    const dialog = await screen.findByRole('dialog', { name: "Leave Maya's workspace?" });
    await user.click(within(dialog).getByRole('button', { name: 'Leave workspace' }));

    expect(
      await within(dialog).findByText(
        'You are the last owner. A workspace needs at least one owner. Make someone else an owner first.',
      ),
    ).toBeInTheDocument();
  });
});

describe('settings: members (not an owner)', () => {
  it('shows the members read-only, with no invitations and no API keys tab', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'viewer');
    renderApp('/settings/members', { workspaceId: team.id });
    const table = await membersTable();

    expect(row(table, 'Olga')).toBeInTheDocument();
    expect(within(table).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Invitations' })).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Settings pages' })).queryByRole('link', { name: 'API keys' }),
    ).not.toBeInTheDocument();
  });

  it('leaves the workspace and lands on the lists of the next one', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'viewer');
    const { user, router } = renderApp('/settings/members', { workspaceId: team.id });
    const table = await membersTable();

    await user.click(within(row(table, 'Maya')).getByRole('button', { name: 'Leave workspace' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave Northwind?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave workspace' }));

    await screen.findByRole('heading', { name: 'Lists', level: 1 });
    expect(router.state.location.pathname).toBe('/lists');
    expect(db.members.some((member) => member.user_id === maya.id && member.workspace_id === team.id)).toBe(false);
    // One workspace left: no switcher.
    expect(within(screen.getByRole('banner')).queryByRole('combobox', { name: 'Workspace' })).not.toBeInTheDocument();
  });
});

describe('settings: invitations', () => {
  it('makes an invitation link, shows it once with a copy button, and lists the invitation', async () => {
    signedInUser();
    const { user } = renderApp('/settings/members');
    const form = await screen.findByRole('form', { name: 'Invite someone' });

    await user.type(within(form).getByLabelText('E-mail'), 'sam@example.com');
    await user.selectOptions(within(form).getByLabelText('Role'), 'Editor');
    await user.clear(within(form).getByLabelText('Link works for (days)'));
    await user.type(within(form).getByLabelText('Link works for (days)'), '3');
    await user.click(within(form).getByRole('button', { name: 'Create invitation link' }));

    const panel = await screen.findByRole('region', { name: 'Invitation link for sam@example.com' });
    const invitation = db.invitations[0];
    const link = `${window.location.origin}/invite#${invitation?.token}`;
    expect(within(panel).getByRole('textbox', { name: 'Invitation link for sam@example.com' })).toHaveValue(link);
    expect(panel).toHaveTextContent('Copy it now: you will not see it again.');
    expect(invitation).toMatchObject({ email: 'sam@example.com', role: 'editor', expires_at: '2026-11-23T12:00:00Z' });

    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(link);
    expect(within(panel).getByText('Copied to the clipboard.')).toBeInTheDocument();

    const pending = await screen.findByRole('table', { name: 'Pending invitations' });
    expect(within(pending).getByText('sam@example.com')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue(link)).not.toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Invite someone' })).toBeInTheDocument();
  });

  it('puts the server’s objection next to the e-mail field', async () => {
    signedInUser();
    const { user } = renderApp('/settings/members');
    const form = await screen.findByRole('form', { name: 'Invite someone' });

    await user.type(within(form).getByLabelText('E-mail'), 'not an address');
    await user.click(within(form).getByRole('button', { name: 'Create invitation link' }));

    const email = within(form).getByLabelText('E-mail');
    await screen.findByText('must be an e-mail address');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(db.invitations).toHaveLength(0);
  });

  it('revokes a pending invitation after asking', async () => {
    const maya = signedInUser();
    addInvitation(personalWorkspaceOf(maya), { email: 'kim@example.com' });
    const { user } = renderApp('/settings/members');
    const pending = await screen.findByRole('table', { name: 'Pending invitations' });

    await user.click(within(pending).getByRole('button', { name: 'Revoke the invitation for kim@example.com' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke the invitation for kim@example.com?' });
    expect(db.invitations[0]?.revoked).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke invitation' }));

    expect(await screen.findByText('No pending invitations.')).toBeInTheDocument();
    expect(db.invitations[0]?.revoked).toBe(true);
  });
});
