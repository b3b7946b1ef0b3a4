import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { http, problem } from '@/testing/mock-api';
import { addCreator, addItem, addList, addVideo, db, setSource, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

/** #gymtok with three videos: two by a creator already in a list, one by a newcomer. */
function gymtok() {
  signedInUser();
  const list = addList({ name: 'Spring drop' });
  addList({ name: 'Shortlist' });
  const tracked = addCreator('liftwithlee', { display_name: 'Lee Park' });
  addItem(list, tracked);
  const newcomer = addCreator('tempo.tanvir', { display_name: 'Tanvir Rahim' });
  addVideo(tracked, {
    description: 'leg day #gymtok',
    hashtags: ['gymtok'],
    views: 20_000,
    posted_at: '2026-11-18T10:00:00Z',
  });
  addVideo(newcomer, {
    description: 'the 3 lifts I never skip #gymtok #fitness',
    hashtags: ['gymtok', 'fitness'],
    views: 637_024,
    likes: 66_753,
    comments: 1_371,
    shares: 3_062,
    posted_at: '2026-11-10T10:00:00Z',
  });
  addVideo(tracked, { description: 'deadlift PR #gymtok', hashtags: ['gymtok'], views: 150_000 });
  addVideo(tracked, { description: 'not about the gym', hashtags: ['cooking'] });
  return { list, tracked, newcomer };
}

function videoCards(): HTMLElement[] {
  return [...screen.getByRole('list', { name: 'Videos tagged #gymtok' }).children] as HTMLElement[];
}

function descriptionOf(card: HTMLElement): string {
  return card.querySelector('.video-description')?.textContent ?? '';
}

/** The button once it can be pressed (the add menu waits for the workspace's lists). */
async function enabled(button: HTMLElement): Promise<HTMLElement> {
  await waitFor(() => expect(button).toBeEnabled());
  return button;
}

function cardOf(description: string): HTMLElement {
  const card = screen.getByText(description).closest<HTMLElement>('.card');
  if (!card) throw new Error(`No card for "${description}"`);
  return card;
}

describe('hashtag explorer', () => {
  it('takes a pasted #Hashtag to its canonical address', async () => {
    gymtok();
    const { user, router } = renderApp('/hashtags');
    expect(await screen.findByText('Which hashtag?')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Hashtag'), '#GymTok');
    await user.click(screen.getByRole('button', { name: 'Show videos' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/hashtags/gymtok'));
    expect(await screen.findByRole('heading', { name: /#gymtok/, level: 2 })).toBeInTheDocument();
  });

  it('refuses text that cannot be a hashtag, beside the field', async () => {
    gymtok();
    const { user, router } = renderApp('/hashtags');

    await user.type(await screen.findByLabelText('Hashtag'), 'gym tok');
    await user.click(screen.getByRole('button', { name: 'Show videos' }));

    expect(screen.getByLabelText('Hashtag')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Enter a hashtag: letters, digits or _/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/hashtags');
  });

  it('shows the videos most viewed first, with their stats, creators, provenance and TikTok links', async () => {
    gymtok();
    const { user } = renderApp('/hashtags/gymtok');

    expect(await screen.findByText('3 videos')).toBeInTheDocument();
    expect(videoCards().map(descriptionOf)).toEqual([
      'the 3 lifts I never skip #gymtok #fitness',
      'deadlift PR #gymtok',
      'leg day #gymtok',
    ]);
    const top = cardOf('the 3 lifts I never skip #gymtok #fitness');
    expect(within(top).getByText('637K')).toBeInTheDocument();
    expect(within(top).getByText('66.8K')).toBeInTheDocument();
    expect(within(top).getByText('Tanvir Rahim')).toBeInTheDocument();
    expect(within(top).getByText('Posted 10 Nov 2026')).toBeInTheDocument();
    expect(within(top).getByRole('link', { name: '#fitness' })).toHaveAttribute('href', '/hashtags/fitness');
    const watch = within(top).getByRole('link', { name: /Watch on TikTok: video by @tempo\.tanvir/ });
    expect(watch).toHaveAttribute(
      'href',
      expect.stringMatching(/^https:\/\/www\.tiktok\.com\/@tempo\.tanvir\/video\//),
    );
    expect(watch).toHaveAttribute('target', '_blank');
    expect(watch).toHaveAttribute('rel', expect.stringContaining('noopener'));
    expect(screen.getByText('Demo data')).toBeInTheDocument();
    expect(screen.getByText(/From a saved pull/)).toHaveTextContent(/, via demo data\./);

    await user.click(screen.getByRole('radio', { name: 'Newest' }));

    expect(descriptionOf(videoCards()[0]!)).toBe('leg day #gymtok');
  });

  it('marks creators already in a list and highlights the others', async () => {
    gymtok();
    const { user } = renderApp('/hashtags/gymtok');

    const trackedCard = cardOf(await screen.findByText('leg day #gymtok').then((node) => node.textContent ?? ''));
    expect(within(trackedCard).getByText('Tracked')).toBeInTheDocument();
    expect(within(trackedCard).getByRole('link', { name: '@liftwithlee' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/creators\//),
    );
    const newCard = cardOf('the 3 lifts I never skip #gymtok #fitness');
    expect(within(newCard).getByText('Not in a list')).toBeInTheDocument();
    expect(newCard).toHaveClass('is-untracked');
    expect(screen.getByText(/Creators in none of your lists are highlighted \(1 of them here\)/)).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Only creators not in a list' }));

    expect(videoCards()).toHaveLength(1);
  });

  it('confirms an add even when its card leaves the page, with a link to the list', async () => {
    const { list } = gymtok();
    const { user } = renderApp('/hashtags/gymtok');
    await screen.findByText('3 videos');
    await user.click(screen.getByRole('checkbox', { name: 'Only creators not in a list' }));
    const card = cardOf('the 3 lifts I never skip #gymtok #fitness');

    await user.click(await enabled(within(card).getByRole('button', { name: 'Add to list for @tempo.tanvir' })));
    await user.click(await within(card).findByRole('button', { name: 'Spring drop' }));

    await waitFor(() => expect(card).not.toBeInTheDocument());
    const confirmation = (await screen.findByText(/^Added @tempo\.tanvir to/)).closest('[role="status"]');
    expect(confirmation).toHaveTextContent('Added @tempo.tanvir to Spring drop.');
    expect(within(confirmation as HTMLElement).getByRole('link', { name: 'Spring drop' })).toHaveAttribute(
      'href',
      `/lists/${list.id}`,
    );
  });

  it('adds a creator to a chosen list in one click, after which they show as tracked', async () => {
    const { list } = gymtok();
    const { user } = renderApp('/hashtags/gymtok');
    const card = cardOf(
      await screen.findByText('the 3 lifts I never skip #gymtok #fitness').then((node) => node.textContent ?? ''),
    );

    await user.click(await enabled(within(card).getByRole('button', { name: 'Add to list for @tempo.tanvir' })));
    await user.click(await within(card).findByRole('button', { name: 'Spring drop' }));

    expect(await within(card).findByText('Added to Spring drop.')).toBeInTheDocument();
    expect(await within(card).findByText('Tracked')).toBeInTheDocument();
    expect(db.items[list.id]?.map((item) => item.creator.handle)).toEqual(['liftwithlee', 'tempo.tanvir']);
  });

  it('says kindly when the creator is already in the chosen list', async () => {
    gymtok();
    const { user } = renderApp('/hashtags/gymtok');
    const card = cardOf(await screen.findByText('leg day #gymtok').then((node) => node.textContent ?? ''));

    await user.click(await enabled(within(card).getByRole('button', { name: 'Add to list for @liftwithlee' })));
    await user.click(await within(card).findByRole('button', { name: 'Spring drop' }));

    expect(await within(card).findByText('Already in Spring drop.')).toBeInTheDocument();
    expect(within(card).queryByText(/Could not add/)).not.toBeInTheDocument();
  });

  it('explains that no data source is configured', async () => {
    gymtok();
    setSource('none');
    renderApp('/hashtags/gymtok');

    expect(await screen.findByText('No data source is set up for hashtags.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'data source settings' })).toHaveAttribute('href', '/settings');
  });

  it.each([
    {
      status: 429,
      code: 'too_many_requests' as const,
      headers: { 'Retry-After': '30' } as Record<string, string>,
      expected: /Please wait 30 seconds before trying again/,
    },
    {
      status: 502,
      code: 'upstream_failed' as const,
      headers: {},
      expected: /usually temporary\. Please try again later/,
    },
  ])('asks to wait or try later on $status $code', async ({ status, code, headers, expected }) => {
    gymtok();
    server.use(
      http.get('/api/v1/hashtags/{tag}/videos', ({ response }) =>
        response.untyped(
          Response.json(problem(status, code, 'The source said no.'), {
            status,
            headers: { 'Content-Type': 'application/problem+json', ...headers },
          }),
        ),
      ),
    );
    renderApp('/hashtags/gymtok');

    expect(await screen.findByText(expected)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('says when a hashtag has no videos', async () => {
    gymtok();
    renderApp('/hashtags/nothinghere');

    expect(await screen.findByText('No videos found for #nothinghere')).toBeInTheDocument();
  });
});
