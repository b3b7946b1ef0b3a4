import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { http } from '@/testing/mock-api';
import {
  addCreator,
  addDailyHistory,
  addItem,
  addList,
  addShareLink,
  addTeam,
  db,
  signedInUser,
  type MockList,
} from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';
import { answerSessionCheckWhileLoading } from '@/testing/slow-session-check';

/** A list of two creators with a month of history, one of them annotated. */
function listWithCreators(): MockList {
  const list = addList({ name: 'Spring drop', description: 'Gym wear' });
  const alpha = addCreator('alpha', { display_name: 'Alpha' });
  const bravo = addCreator('bravo');
  addDailyHistory(alpha, { start: '2026-10-21T00:00:00Z', days: 30, followers: 10_000, gain: 100 });
  addDailyHistory(bravo, { start: '2026-10-21T00:00:00Z', days: 30, followers: 50_000, gain: 10 });
  addItem(list, alpha, { note: 'Private note about rates', tags: ['shortlist'] });
  addItem(list, bravo);
  return list;
}

/** The headers each request for the shared dashboard carried. */
function recordSharedDashboardHeaders(): Headers[] {
  const seen: Headers[] = [];
  server.use(
    http.get('/api/v1/shared/dashboard', ({ request }) => {
      seen.push(new Headers(request.headers));
      return undefined;
    }),
  );
  return seen;
}

describe('sharing a dashboard (owner)', () => {
  it('makes a link with an expiry, shows it once with a copy button, lists and revokes it', async () => {
    signedInUser();
    const list = listWithCreators();
    const { user } = renderApp(`/lists/${list.id}/dashboard`);

    await user.click(await screen.findByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share “Spring drop”' });
    expect(within(dialog).getByText('No links yet.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Expires on (optional)'), '2026-12-31');
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));

    const panel = await within(dialog).findByRole('region', { name: 'Share link' });
    const link = db.shareLinks[0];
    const url = `${window.location.origin}/share#${link?.token}`;
    expect(within(panel).getByRole('textbox')).toHaveValue(url);
    expect(panel).toHaveTextContent('Copy it now: you will not see it again.');
    expect(Date.parse(link?.expires_at ?? '')).toBe(new Date('2026-12-31T23:59:59').getTime());
    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(url);

    const table = await within(dialog).findByRole('table', { name: 'Links to this dashboard, newest first' });
    const row = within(table).getByRole('row', { name: new RegExp(`^${link?.prefix}`) });
    expect(row).toHaveTextContent('by Maya');
    expect(row).toHaveTextContent('Active');
    await user.click(within(row).getByRole('button', { name: `Revoke link ${link?.prefix}` }));
    const confirm = await screen.findByRole('dialog', { name: `Revoke the link ${link?.prefix}…?` });
    expect(link?.revoked_at).toBeNull();
    await user.click(within(confirm).getByRole('button', { name: 'Revoke link' }));

    expect(await within(row).findByText('Revoked')).toBeInTheDocument();
    expect(link?.revoked_at).not.toBeNull();
  });

  it('is not offered to editors and viewers', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'editor');
    const list = listWithCreators();
    renderApp(`/lists/${list.id}/dashboard`, { workspaceId: team.id });

    await screen.findByRole('table', { name: 'Creators, in list order' });

    expect(screen.queryByRole('button', { name: 'Share' })).not.toBeInTheDocument();
  });
});

describe('the shared dashboard page', () => {
  it('shows the list read-only to a visitor without a session, sending only the link’s secret', async () => {
    const list = listWithCreators();
    const link = addShareLink(list);
    const headers = recordSharedDashboardHeaders();
    renderApp(`/share#${link.token}`);

    expect(await screen.findByRole('heading', { name: 'Spring drop', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Shared dashboard · read-only')).toBeInTheDocument();
    const totals = screen.getByLabelText('List totals');
    expect(within(totals).getByText('Creators').nextElementSibling).toHaveTextContent('2');
    const table = screen.getByRole('table', { name: 'Creators, in list order' });
    expect(within(table).getByText('@alpha')).toBeInTheDocument();
    expect(within(table).getAllByRole('img', { name: /^Followers, last 30 days/ })).toHaveLength(2);
    // Nothing leads into the app, and nothing private shows.
    expect(document.querySelectorAll('a[href^="/"]')).toHaveLength(0);
    expect(screen.queryByText('Private note about rates')).not.toBeInTheDocument();
    expect(headers[0]?.get('Authorization')).toBe(`Bearer ${link.token}`);
    expect(headers[0]?.has('X-Workspace-Id')).toBe(false);
  });

  it('shows the list when the session check finds no session while the dashboard loads', async () => {
    const list = listWithCreators();
    const link = addShareLink(list);
    answerSessionCheckWhileLoading('/api/v1/shared/dashboard');
    renderApp(`/share#${link.token}`);

    expect(await screen.findByRole('heading', { name: 'Spring drop', level: 1 })).toBeInTheDocument();
  });

  it('sends the link’s secret, not the session’s token, to a visitor who is logged in', async () => {
    const maya = signedInUser();
    const list = listWithCreators();
    const link = addShareLink(list);
    const headers = recordSharedDashboardHeaders();
    renderApp(`/share#${link.token}`);

    await screen.findByRole('heading', { name: 'Spring drop', level: 1 });

    expect(headers.every((sent) => sent.get('Authorization') === `Bearer ${link.token}`)).toBe(true);
    expect(headers.some((sent) => sent.get('Authorization')?.includes(maya.id))).toBe(false);
  });

  it('sorts by a column', async () => {
    const list = listWithCreators();
    const link = addShareLink(list);
    const { user } = renderApp(`/share#${link.token}`);
    await screen.findByRole('table', { name: 'Creators, in list order' });

    await user.click(screen.getByRole('button', { name: /^Followers/ }));

    const table = await screen.findByRole('table', { name: 'Creators, by followers, highest first' });
    const handles = within(table)
      .getAllByText(/^@/)
      .map((cell) => cell.textContent);
    expect(handles).toEqual(['@bravo', '@alpha']);
  });

  it.each([
    { case: 'revoked', overrides: { revoked_at: '2026-11-20T10:00:00Z' } },
    { case: 'expired', overrides: { expires_at: '2026-11-19T00:00:00Z' } },
  ])('says the link does not work when it was $case', async ({ overrides }) => {
    const list = listWithCreators();
    const link = addShareLink(list, overrides);
    renderApp(`/share#${link.token}`);

    expect(await screen.findByRole('heading', { name: 'This link does not work', level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says the link does not work when it lost its secret', async () => {
    renderApp('/share');

    expect(await screen.findByRole('heading', { name: 'This link does not work', level: 1 })).toBeInTheDocument();
  });
});
