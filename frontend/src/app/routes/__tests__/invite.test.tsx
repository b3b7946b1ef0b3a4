import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_STORAGE_KEY } from '@/lib/auth/session';
import { addInvitation, addList, addUser, addWorkspace, db, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { answerSessionCheckWhileLoading } from '@/testing/slow-session-check';

/** Olga's workspace Northwind, inviting sam@example.com as a viewer. */
function invitationToNorthwind(overrides: Parameters<typeof addInvitation>[1] = {}) {
  const workspace = addWorkspace('Northwind');
  addList({ name: 'Team picks' }, workspace);
  const invitation = addInvitation(workspace, { email: 'sam@example.com', invited_by: 'Olga', ...overrides });
  return { workspace, invitation };
}

function switcher(): HTMLElement {
  return within(screen.getByRole('banner')).getByRole('combobox', { name: 'Workspace' });
}

describe('invitation page, logged out', () => {
  it('shows what the invitation offers, then registers with the invited address, joins and switches', async () => {
    const { workspace, invitation } = invitationToNorthwind();
    const { user, router } = renderApp(`/invite#${invitation.token}`);

    expect(await screen.findByRole('heading', { name: 'Join Northwind as viewer', level: 1 })).toBeInTheDocument();
    expect(screen.getByText(/Invited by Olga · for sam@example.com/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const form = screen.getByRole('form', { name: 'Create an account' });
    expect(within(form).getByLabelText('E-mail')).toHaveValue('sam@example.com');
    await user.type(within(form).getByLabelText('Your name'), 'Sam');
    await user.type(within(form).getByLabelText('Password'), 'a long and unusual passphrase');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('link', { name: 'Team picks' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/lists');
    expect(switcher()).toHaveDisplayValue('Northwind (Viewer)');
    expect(localStorage.getItem(WORKSPACE_STORAGE_KEY)).toBe(workspace.id);
    expect(invitation.accepted).toBe(true);
  });

  it('shows the invitation when the session check finds no session while it loads', async () => {
    const { invitation } = invitationToNorthwind();
    answerSessionCheckWhileLoading('/api/v1/invitations/preview');
    renderApp(`/invite#${invitation.token}`);

    expect(await screen.findByRole('heading', { name: 'Join Northwind as viewer', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create account' })).toBeInTheDocument();
  });

  it('logs in with an existing account instead, and joins', async () => {
    const { invitation } = invitationToNorthwind({ role: 'editor' });
    addUser({ email: 'sam@example.com', display_name: 'Sam', password: 'sams own long passphrase' });
    const { user } = renderApp(`/invite#${invitation.token}`);

    await user.click(await screen.findByRole('button', { name: 'Log in' }));
    const form = screen.getByRole('form', { name: 'Log in' });
    expect(within(form).getByLabelText('E-mail')).toHaveValue('sam@example.com');
    await user.type(within(form).getByLabelText('Password'), 'sams own long passphrase');
    await user.click(within(form).getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('link', { name: 'Team picks' })).toBeInTheDocument();
    expect(switcher()).toHaveDisplayValue('Northwind (Editor)');
  });

  it('explains when the account just made has another address than the invited one', async () => {
    const { invitation } = invitationToNorthwind();
    const { user } = renderApp(`/invite#${invitation.token}`);

    await user.click(await screen.findByRole('button', { name: 'Create account' }));
    const form = screen.getByRole('form', { name: 'Create an account' });
    await user.clear(within(form).getByLabelText('E-mail'));
    await user.type(within(form).getByLabelText('E-mail'), 'sam.private@example.com');
    await user.type(within(form).getByLabelText('Your name'), 'Sam');
    await user.type(within(form).getByLabelText('Password'), 'a long and unusual passphrase');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));

    expect(
      await screen.findByText(
        /You are logged in as sam.private@example.com, but this invitation is for sam@example.com/,
      ),
    ).toBeInTheDocument();
    expect(invitation.accepted).toBe(false);
  });
});

describe('invitation page, logged in', () => {
  it('joins with one click when logged in with the invited address', async () => {
    const { workspace, invitation } = invitationToNorthwind();
    signedInUser({ email: 'sam@example.com', display_name: 'Sam' });
    const { user } = renderApp(`/invite#${invitation.token}`);

    expect(await screen.findByText('You are logged in as sam@example.com.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Join Northwind' }));

    expect(await screen.findByRole('link', { name: 'Team picks' })).toBeInTheDocument();
    expect(localStorage.getItem(WORKSPACE_STORAGE_KEY)).toBe(workspace.id);
  });

  it('explains when logged in as someone else, and offers to log out', async () => {
    const { invitation } = invitationToNorthwind();
    signedInUser({ email: 'maya@example.com' });
    const { user } = renderApp(`/invite#${invitation.token}`);

    expect(
      await screen.findByText(/You are logged in as maya@example.com, but this invitation is for sam@example.com/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join Northwind' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('button', { name: 'Create account' })).toBeInTheDocument();
    expect(db.sessionUserId).toBeNull();
  });
});

describe('invitation page, unusable links', () => {
  it.each([
    { case: 'used', overrides: { accepted: true }, heading: 'This invitation has been used' },
    { case: 'expired', overrides: { expires_at: '2026-11-19T12:00:00Z' }, heading: 'This invitation has expired' },
    { case: 'revoked', overrides: { revoked: true }, heading: 'This invitation does not work' },
  ])('says so when the invitation was $case', async ({ overrides, heading }) => {
    const { invitation } = invitationToNorthwind(overrides);
    renderApp(`/invite#${invitation.token}`);

    expect(await screen.findByRole('heading', { name: heading, level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create account' })).not.toBeInTheDocument();
  });

  it('says so when the link lost its secret', async () => {
    renderApp('/invite');

    expect(
      await screen.findByRole('heading', { name: 'This invitation link is incomplete', level: 1 }),
    ).toBeInTheDocument();
  });
});
