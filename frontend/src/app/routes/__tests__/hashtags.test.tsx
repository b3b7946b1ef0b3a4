import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyticsDb } from '@/testing/mock-analytics';
import { http, problem } from '@/testing/mock-api';
import {
  addCreator,
  addItem,
  addList,
  addVideo,
  db,
  setSource,
  signedInUser,
  type MockCreator,
} from '@/testing/mock-db';
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

/** #gymtok's creators with what the table shows of them: followers for two, a fit for one. */
function gymtokCreators() {
  const fixture = gymtok();
  withFollowers(fixture.tracked, 250_000, 'import');
  withFollowers(fixture.newcomer, 12_400, 'tikapi');
  analyticsDb.fit[fixture.newcomer.id] = 72;
  analyticsDb.fitKind[fixture.newcomer.id] = 'estimated';
  analyticsDb.fitInterval[fixture.newcomer.id] = { low: 64, high: 80 };
  // A third creator whose follower count the hashtag's answer did not give.
  const quiet = addCreator('quietquads');
  addVideo(quiet, { description: 'form check #gymtok', hashtags: ['gymtok'], views: 5_000 });
  return { ...fixture, quiet };
}

function withFollowers(creator: MockCreator, followers: number, source: string) {
  creator.latest = { captured_at: '2026-11-20T09:00:00Z', followers, following: 10, likes: 0, videos: 3, source };
}

function creatorsTable(): HTMLElement {
  return screen.getByRole('table', { name: /^Creators of #gymtok/ });
}

function creatorRows(): HTMLElement[] {
  return within(creatorsTable()).getAllByRole('row').slice(1);
}

/** The handles, read from each row's first link (the creator's). */
function handlesInOrder(): string[] {
  return creatorRows().map((row) => /@[\w.]+/.exec(within(row).getAllByRole('link')[0]?.textContent ?? '')?.[0] ?? '');
}

/** The row's cell under the column header whose name starts with `column`. */
function cellOf(row: HTMLElement, column: string): HTMLElement {
  const headers = within(creatorsTable()).getAllByRole('columnheader');
  const index = headers.findIndex((header) => header.textContent?.startsWith(column));
  const cell = within(row).getAllByRole('cell')[index];
  if (index < 0 || !cell) throw new Error(`No "${column}" cell`);
  return cell;
}

function rowOf(handle: string): HTMLElement {
  const row = creatorRows().find((candidate) => candidate.textContent?.includes(`@${handle}`));
  if (!row) throw new Error(`No row for @${handle}`);
  return row;
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

  it('shows one row per creator in the Creators view, most views under the hashtag first', async () => {
    gymtokCreators();
    const { user, router } = renderApp('/hashtags/gymtok');
    await screen.findByText('4 videos');

    await user.click(screen.getByRole('radio', { name: 'Creators' }));

    expect(router.state.location.search).toBe('?view=creators');
    expect(screen.queryByRole('list', { name: 'Videos tagged #gymtok' })).not.toBeInTheDocument();
    expect(handlesInOrder()).toEqual(['@tempo.tanvir', '@liftwithlee', '@quietquads']);
    const lee = rowOf('liftwithlee');
    expect(cellOf(lee, 'Followers')).toHaveTextContent('250K');
    expect(within(cellOf(lee, 'Followers')).getByTitle(/^250,000 followers, from CSV import, /)).toBeInTheDocument();
    expect(cellOf(lee, 'Videos here')).toHaveTextContent('2 videos, 170K views');
    expect(within(cellOf(lee, 'Tracked')).getByText('In a list')).toBeInTheDocument();
    expect(within(lee).getByRole('link', { name: '@liftwithlee' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/creators\//),
    );
    const tanvir = rowOf('tempo.tanvir');
    expect(cellOf(tanvir, 'Followers')).toHaveTextContent('12.4K');
    expect(cellOf(tanvir, 'Videos here')).toHaveTextContent('1 video, 637K views');
    expect(cellOf(tanvir, 'Fit')).toHaveTextContent('≈72 est. 64–80');
    expect(cellOf(tanvir, 'Tracked')).toBeEmptyDOMElement();
    expect(within(tanvir).getByRole('link', { name: /@tempo\.tanvir/ })).toHaveAttribute(
      'href',
      'https://www.tiktok.com/@tempo.tanvir',
    );
    const quiet = rowOf('quietquads');
    expect(cellOf(quiet, 'Followers')).toHaveTextContent('—');
    expect(within(cellOf(quiet, 'Median views')).getByTitle('Needs 3 videos')).toHaveTextContent('—');
    expect(screen.getByRole('columnheader', { name: /^Videos here/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('shows median views and engagement once a creator has 3 videos', async () => {
    const { tracked } = gymtokCreators();
    addVideo(tracked, { hashtags: ['cooking'], views: 40_000, likes: 4_000, comments: 0, shares: 0 });
    renderApp('/hashtags/gymtok?view=creators');
    await screen.findByRole('table', { name: /^Creators of #gymtok/ });

    const lee = rowOf('liftwithlee');
    // Views 20,000, 150,000, 1,000 and 40,000: the median of four is the mean of the middle two.
    expect(cellOf(lee, 'Median views')).toHaveTextContent('30K');
    // Interactions 111, 111, 111 and 4,000: a median of 111 over 30,000 views.
    expect(cellOf(lee, 'Engagement')).toHaveTextContent('0.4%');
  });

  it('sorts the creators by a column header, creators without the number last either way', async () => {
    gymtokCreators();
    const { user } = renderApp('/hashtags/gymtok?view=creators');
    await screen.findByRole('table', { name: /^Creators of #gymtok/ });

    await user.click(screen.getByRole('button', { name: /^Followers/ }));

    expect(handlesInOrder()).toEqual(['@liftwithlee', '@tempo.tanvir', '@quietquads']);
    expect(screen.getByRole('columnheader', { name: /^Followers/ })).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: /^Videos here/ })).not.toHaveAttribute('aria-sort');
    expect(creatorsTable()).toHaveAccessibleName('Creators of #gymtok, by followers, highest first');

    await user.click(screen.getByRole('button', { name: /^Followers/ }));

    expect(handlesInOrder()).toEqual(['@tempo.tanvir', '@liftwithlee', '@quietquads']);
    expect(screen.getByRole('columnheader', { name: /^Followers/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('hides creators already in a list from the Creators view too', async () => {
    gymtokCreators();
    const { user } = renderApp('/hashtags/gymtok?view=creators');
    await screen.findByRole('table', { name: /^Creators of #gymtok/ });
    expect(screen.getByText(/Creators in none of your lists are highlighted \(2 of them here\)/)).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Only creators not in a list' }));

    expect(handlesInOrder()).toEqual(['@tempo.tanvir', '@quietquads']);
  });

  it('filters the creators by fit, as rising creators are filtered', async () => {
    const { tracked } = gymtokCreators();
    analyticsDb.fit[tracked.id] = 40;
    const { user } = renderApp('/hashtags/gymtok?view=creators');
    await screen.findByRole('table', { name: /^Creators of #gymtok/ });

    await user.click(screen.getByRole('checkbox', { name: 'Fit known or estimated' }));
    expect(handlesInOrder()).toEqual(['@tempo.tanvir', '@liftwithlee']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Minimum fit' }), 'Fit 50 or more');
    expect(handlesInOrder()).toEqual(['@tempo.tanvir']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Minimum fit' }), 'Fit 75 or more');
    expect(screen.queryByRole('table', { name: /^Creators of #gymtok/ })).not.toBeInTheDocument();
    expect(screen.getByText('No creator here has a fit that matches')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Videos' }));
    expect(screen.queryByRole('combobox', { name: 'Minimum fit' })).not.toBeInTheDocument();
  });

  it('adds a creator to a list from their row, after which the row shows them in a list', async () => {
    const { list } = gymtokCreators();
    const { user } = renderApp('/hashtags/gymtok?view=creators');
    await screen.findByRole('table', { name: /^Creators of #gymtok/ });
    const row = rowOf('tempo.tanvir');

    await user.click(await enabled(within(row).getByRole('button', { name: 'Add to list for @tempo.tanvir' })));
    await user.click(await within(row).findByRole('button', { name: 'Spring drop' }));

    expect(await within(row).findByText('In a list')).toBeInTheDocument();
    expect(db.items[list.id]?.map((item) => item.creator.handle)).toEqual(['liftwithlee', 'tempo.tanvir']);
  });

  it('keeps the Creators view when another hashtag is searched, and goes back to the videos', async () => {
    gymtokCreators();
    const { user, router } = renderApp('/hashtags/fitness?view=creators');
    await screen.findByRole('table', { name: /^Creators of #fitness/ });

    await user.clear(screen.getByLabelText('Hashtag'));
    await user.type(screen.getByLabelText('Hashtag'), '#gymtok');
    await user.click(screen.getByRole('button', { name: 'Show videos' }));

    expect(await screen.findByRole('table', { name: /^Creators of #gymtok/ })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Videos' }));
    expect(router.state.location.search).toBe('');
    expect(videoCards()).toHaveLength(4);
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
