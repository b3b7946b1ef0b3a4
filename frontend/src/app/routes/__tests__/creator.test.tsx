import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addCreator, addDailyHistory, db, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

function creatorWithHistory() {
  signedInUser();
  const creator = addCreator('mayabakes', {
    display_name: 'Maya Bakes',
    bio: 'Sourdough every Sunday',
  });
  // 40 days up to 19 Nov 2026 (the mock server's "today"), +50 followers a day.
  addDailyHistory(creator, { start: '2026-10-11T00:00:00Z', days: 40, followers: 1000, gain: 50 });
  return creator;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('creator page', () => {
  it('shows the profile header with its provenance', async () => {
    const creator = creatorWithHistory();
    renderApp(`/creators/${creator.id}`);

    expect(await screen.findByRole('heading', { name: 'Maya Bakes', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /@mayabakes.*on TikTok/ })).toHaveAttribute(
      'href',
      'https://www.tiktok.com/@mayabakes',
    );
    expect(screen.getByText('Sourdough every Sunday')).toBeInTheDocument();
    expect(screen.getByText('Tracking since').nextElementSibling).toHaveTextContent('11 Oct 2026');
    expect(screen.getByText(/^CSV import, /)).toBeInTheDocument();
    expect(screen.queryByText('Demo data')).not.toBeInTheDocument();
  });

  it('marks a verified creator with a badge readable at 4.5:1 (dark text on the light blue)', async () => {
    signedInUser();
    const creator = addCreator('verified_one', { display_name: 'Vera', verified: true });
    renderApp(`/creators/${creator.id}`);

    const badge = await screen.findByText('Verified');
    expect(badge).toHaveClass('bg-info', 'text-dark');
  });

  it('labels demo data as demo', async () => {
    signedInUser();
    const creator = addCreator('demo_creator', {
      latest: { captured_at: '2026-11-19T00:00:00Z', followers: 5, following: 1, likes: 9, videos: 1, source: 'demo' },
    });
    renderApp(`/creators/${creator.id}`);

    expect(await screen.findByText('Demo data')).toBeInTheDocument();
  });

  it('charts every metric and lists the daily gains, newest first', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z'), toFake: ['Date'] });
    const creator = creatorWithHistory();
    renderApp(`/creators/${creator.id}?range=all`);

    const table = await screen.findByRole('table', { name: 'Daily gains, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(40);
    expect(rows[0]).toHaveTextContent('19 Nov 2026');
    expect(rows[0]).toHaveTextContent('2,950');
    expect(rows[0]).toHaveTextContent('+50');
    expect(rows[39]).toHaveTextContent('11 Oct 2026');

    for (const metric of ['Followers', 'Likes', 'Videos', 'Following']) {
      const chart = screen.getByRole('img', {
        name: new RegExp(`^${metric}: 40 daily points from 11 Oct 2026 to 19 Nov 2026`),
      });
      expect(chart.querySelector('canvas')).not.toBeNull();
    }
    expect(
      screen.getByRole('img', { name: /^Followers: .*latest 2,950, \+1,950 since 11 Oct 2026\.$/ }),
    ).toBeInTheDocument();
  });

  it('states the change over a window with the same figure as the growth table', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z'), toFake: ['Date'] });
    const creator = creatorWithHistory();
    renderApp(`/creators/${creator.id}?range=30d`);

    // The chart starts at 22 Oct (30 days before noon today), whose first-to-last change is only +1,400;
    // the 30-day window runs from the snapshot of 20 Oct, as in the growth table: +1,500.
    const chart = await screen.findByRole('img', { name: /^Followers: 29 daily points from 22 Oct 2026/ });
    const figure = chart.closest('figure') as HTMLElement;
    expect(await within(figure).findByText('+1,500 in 30 days (since 20 Oct 2026)')).toBeInTheDocument();
    expect(chart).toHaveAccessibleName(/latest 2,950, \+1,500 in 30 days \(since 20 Oct 2026\)\.$/);
    const growth = await screen.findByRole('table', { name: 'Followers growth by window' });
    expect(within(growth).getByRole('row', { name: /^30 days/ })).toHaveTextContent('+1,500');
  });

  it('shows the latest values in each chart’s legend, dates written as everywhere else', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z'), toFake: ['Date'] });
    const creator = creatorWithHistory();
    renderApp(`/creators/${creator.id}?range=all`);

    const chart = await screen.findByRole('img', { name: /^Followers: 40 daily points/ });
    const legend = [...chart.querySelectorAll('.u-legend .u-value')].map((cell) => cell.textContent);
    expect(legend).toEqual(['19 Nov 2026', '2,950']);
  });

  it('asks for a shorter history when a shorter range is chosen', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z'), toFake: ['Date'] });
    const creator = creatorWithHistory();
    const { user, router } = renderApp(`/creators/${creator.id}?range=all`);
    await screen.findByRole('table', { name: 'Daily gains, newest first' });

    await user.click(screen.getByRole('radio', { name: '30 days' }));

    await waitFor(() =>
      expect(
        screen.getByRole('img', { name: /^Followers: 29 daily points from 22 Oct 2026 to 19 Nov 2026/ }),
      ).toBeInTheDocument(),
    );
    expect(router.state.location.search).toBe('?range=30d');
  });

  it('exports the history as a CSV file', async () => {
    const creator = creatorWithHistory();
    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:history';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user } = renderApp(`/creators/${creator.id}`);

    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('mayabakes-history-90d.csv');
    expect((await saved[0]?.text())?.split('\n')[0]).toBe('captured_at,followers,following,likes,videos,source');
  });

  it('records a point by hand in a dialog opened beside the history', async () => {
    const creator = creatorWithHistory();
    const { user } = renderApp(`/creators/${creator.id}`);
    const history = await screen.findByRole('region', { name: 'History' });
    expect(screen.queryByLabelText('Followers')).not.toBeInTheDocument();

    await user.click(within(history).getByRole('button', { name: 'Record numbers' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record numbers by hand' });
    const followers = within(dialog).getByLabelText('Followers');
    expect(followers).toHaveValue(2950);
    await user.clear(within(dialog).getByLabelText('When'));
    await user.type(within(dialog).getByLabelText('When'), '2026-11-20T09:30');
    await user.clear(followers);
    await user.type(followers, '3100');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText(/^Saved the numbers of 20 Nov 2026, 09:30\.$/)).toBeInTheDocument();
    const recorded = db.history[creator.id]?.at(-1);
    expect(recorded).toMatchObject({ followers: 3100, source: 'manual' });
    expect(new Date(recorded!.captured_at).getTime()).toBe(new Date('2026-11-20T09:30').getTime());
  });
});
