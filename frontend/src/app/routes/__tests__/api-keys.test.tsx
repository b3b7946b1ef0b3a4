import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { http } from '@/testing/mock-api';
import { addApiKey, addTeam, db, personalWorkspaceOf, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

describe('settings: API keys (owner)', () => {
  it('creates a key with the chosen scopes and shows it once, with a copy button', async () => {
    signedInUser();
    const { user } = renderApp('/settings/api-keys');
    const form = await screen.findByRole('form', { name: 'New API key' });

    await user.type(within(form).getByLabelText('Name'), 'Sheets sync');
    await user.click(within(form).getByRole('checkbox', { name: /^Read creators/ }));
    await user.clear(within(form).getByLabelText('Expires after (days)'));
    await user.type(within(form).getByLabelText('Expires after (days)'), '30');
    await user.click(within(form).getByRole('button', { name: 'Create API key' }));

    const panel = await screen.findByRole('region', { name: 'API key “Sheets sync”' });
    const secret = within(panel).getByRole<HTMLInputElement>('textbox').value;
    expect(secret).toMatch(/^zz_/);
    expect(panel).toHaveTextContent('Copy it now: you will not see it again.');
    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(db.apiKeys[0]).toMatchObject({
      scopes: ['lists:read', 'creators:read'],
      expires_at: '2026-12-20T12:00:00Z',
    });

    const table = await screen.findByRole('table', { name: 'API keys, newest first' });
    const row = within(table).getByRole('row', { name: /^Sheets sync/ });
    expect(row).toHaveTextContent(`${secret.slice(0, 12)}…`);
    expect(row).toHaveTextContent('lists:readcreators:read');
    expect(row).toHaveTextContent('by Maya');
    expect(row).toHaveTextContent('Never');
    expect(row).toHaveTextContent('Active');

    await user.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: 'API key “Sheets sync”' })).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(secret);
  });

  it('explains each scope in plain words', async () => {
    signedInUser();
    renderApp('/settings/api-keys');
    const form = await screen.findByRole('form', { name: 'New API key' });

    expect(within(form).getByRole('checkbox', { name: /^Change lists lists:write/ })).toHaveAccessibleName(
      /Create, rename, reorder and delete lists/,
    );
    expect(within(form).getByRole('checkbox', { name: /^Read lists/ })).toBeChecked();
  });

  it('shows the server’s objection at the scopes when none is ticked', async () => {
    signedInUser();
    const { user } = renderApp('/settings/api-keys');
    const form = await screen.findByRole('form', { name: 'New API key' });

    await user.type(within(form).getByLabelText('Name'), 'Nothing at all');
    await user.click(within(form).getByRole('checkbox', { name: /^Read lists/ }));
    await user.click(within(form).getByRole('button', { name: 'Create API key' }));

    expect(await within(form).findByText('must name at least one scope')).toBeInTheDocument();
    expect(db.apiKeys).toHaveLength(0);
  });

  it('revokes a key after asking, and shows it as revoked', async () => {
    const maya = signedInUser();
    const key = addApiKey(personalWorkspaceOf(maya), { name: 'Old script', last_used_at: '2026-11-20T11:00:00Z' });
    const { user } = renderApp('/settings/api-keys');
    const table = await screen.findByRole('table', { name: 'API keys, newest first' });

    await user.click(within(table).getByRole('button', { name: 'Revoke Old script' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “Old script”?' });
    expect(dialog).toHaveTextContent('Tools using this key stop working at once.');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    const row = await within(table).findByRole('row', { name: /^Old script.*Revoked/ });
    expect(within(row).queryByRole('button', { name: 'Revoke Old script' })).not.toBeInTheDocument();
    expect(key.revoked_at).not.toBeNull();
  });

  it('marks an expired key with a badge in dark text, readable on the yellow', async () => {
    const maya = signedInUser();
    addApiKey(personalWorkspaceOf(maya), { name: 'Last year', expires_at: '2025-11-20T12:00:00Z' });
    renderApp('/settings/api-keys');
    const table = await screen.findByRole('table', { name: 'API keys, newest first' });

    const row = within(table).getByRole('row', { name: /^Last year/ });
    expect(within(row).getByText('Expired')).toHaveClass('bg-warning', 'text-dark');
  });
});

describe('settings: API keys (not an owner)', () => {
  it('shows no tab, no form and asks nothing of the server', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'editor');
    let asked = false;
    server.use(
      http.get('/api/v1/api-keys', () => {
        asked = true;
        return undefined;
      }),
    );
    renderApp('/settings/api-keys', { workspaceId: team.id });

    expect(await screen.findByText('Only the workspace’s owners can manage API keys.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New API key' })).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Settings pages' })).queryByRole('link', { name: 'API keys' }),
    ).not.toBeInTheDocument();
    expect(asked).toBe(false);
  });
});
