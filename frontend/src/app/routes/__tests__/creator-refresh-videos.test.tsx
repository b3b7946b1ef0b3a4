import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addCreator, addVideo, db, setSource, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

function trackedCreator(overrides: Parameters<typeof addCreator>[1] = {}) {
  signedInUser();
  return addCreator('tempo.tanvir', { display_name: 'Tanvir Rahim', ...overrides });
}

describe('creator page: refresh and tracking', () => {
  it('refreshes now, following the job until it succeeds, then shows the new fetch time', async () => {
    const creator = trackedCreator();
    const { user } = renderApp(`/creators/${creator.id}`);
    const facts = await screen.findByText('Last fetched');
    expect(facts.nextElementSibling).toHaveTextContent('Never');

    await user.click(screen.getByRole('button', { name: 'Refresh now' }));

    // The job moves from queued to running (40 %, with its message) to succeeded, polled once a second.
    expect(await screen.findByText('Fetching from the data source… Fetching the profile')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Refresh progress' })).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByRole('button', { name: 'Refresh now' })).toBeDisabled();
    expect(await screen.findByText('Refreshed.')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Refresh progress' })).toHaveAttribute('aria-valuenow', '100');
    // Then the creator is read again.
    await waitFor(() => expect(screen.getByText('Last fetched').nextElementSibling).not.toHaveTextContent('Never'));
    expect(screen.getByRole('button', { name: 'Refresh now' })).toBeEnabled();
    expect(db.jobs).toHaveLength(1);
  });

  it('explains that there is no data source to refresh from', async () => {
    const creator = trackedCreator();
    setSource('none');
    const { user } = renderApp(`/creators/${creator.id}`);

    await user.click(await screen.findByRole('button', { name: 'Refresh now' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No data source is configured, so zzyzx cannot fetch creators itself: numbers come from CSV imports and the API.',
    );
  });

  it.each([
    { status: 'active', badge: 'Active' },
    { status: 'not_found', badge: 'Account not found' },
    { status: 'private', badge: 'Private account' },
    { status: 'banned', badge: 'Banned' },
  ])('shows tracking status $status as "$badge", with the last fetch and the last error', async ({ status, badge }) => {
    const creator = trackedCreator({
      tracking: {
        status,
        failures: 2,
        last_fetched_at: '2026-11-19T08:00:00Z',
        next_fetch_at: '2026-11-21T08:00:00Z',
        last_error: 'the source answered 404',
        refresh_reason: 'rising',
      },
    });
    renderApp(`/creators/${creator.id}`);

    const tracking = (await screen.findByText('Tracking')).nextElementSibling as HTMLElement;
    expect(within(tracking).getByText(badge)).toHaveClass('badge');
    expect(screen.getByText('Last fetched').nextElementSibling).toHaveTextContent('19 Nov 2026');
    expect(screen.getByText('Next refresh').nextElementSibling).toHaveTextContent('21 Nov 2026');
    expect(screen.getByText('Next refresh').nextElementSibling).toHaveTextContent('rising, so checked sooner');
    expect(screen.getByText(/2 failed attempts in a row\. Last error: the source answered 404/)).toBeInTheDocument();
  });
});

describe('creator page: videos', () => {
  function creatorWithVideos(count: number) {
    const creator = trackedCreator();
    for (let index = 0; index < count; index += 1) {
      addVideo(creator, {
        description: `video ${index + 1}`,
        // Newer videos have fewer views, so the two orders differ.
        posted_at: new Date(Date.UTC(2026, 9, 1 + index)).toISOString().replace('.000Z', 'Z'),
        views: (count - index) * 1_000,
      });
    }
    return creator;
  }

  it('shows the top video of the last 90 days with its stats and a TikTok link', async () => {
    const creator = creatorWithVideos(3);
    renderApp(`/creators/${creator.id}`);

    const card = (await screen.findByRole('heading', { name: /Top video/ })).closest<HTMLElement>('.card')!;
    expect(await within(card).findByText('video 1')).toBeInTheDocument();
    expect(within(card).getByText('3K')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: /Watch on TikTok/ })).toHaveAttribute(
      'href',
      expect.stringMatching(/^https:\/\/www\.tiktok\.com\/@tempo\.tanvir\/video\//),
    );
  });

  it('lists the videos newest first, loads more, and sorts by views', async () => {
    const creator = creatorWithVideos(35);
    const { user } = renderApp(`/creators/${creator.id}`);

    const table = await screen.findByRole('table', { name: 'Videos, newest first' });
    const rows = () =>
      within(screen.getByRole('table', { name: /^Videos, / }))
        .getAllByRole('row')
        .slice(1);
    expect(rows()).toHaveLength(30);
    expect(rows()[0]).toHaveTextContent('video 35');
    expect(within(table).getByRole('link', { name: /video 35/ })).toHaveAttribute('target', '_blank');

    await user.click(screen.getByRole('button', { name: 'Load more videos' }));

    await waitFor(() => expect(rows()).toHaveLength(35));
    expect(screen.queryByRole('button', { name: 'Load more videos' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Most viewed' }));

    expect(await screen.findByRole('table', { name: 'Videos, most viewed first' })).toBeInTheDocument();
    expect(rows()[0]).toHaveTextContent('video 1');
    expect(rows()[0]).toHaveTextContent('35K');
  });

  it('says when zzyzx has no videos of the creator yet', async () => {
    const creator = creatorWithVideos(0);
    renderApp(`/creators/${creator.id}`);

    expect(await screen.findByText('No videos yet')).toBeInTheDocument();
    expect(await screen.findByText(/No video from the last 90 days yet/)).toBeInTheDocument();
  });
});
