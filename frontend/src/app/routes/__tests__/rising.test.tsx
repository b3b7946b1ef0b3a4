import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyticsDb } from '@/testing/mock-analytics';
import { addCreator, addDailyHistory, addList, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

/** Two rising creators, one nano and one micro (with a fit score), and one that is not rising. */
function risingCreators() {
  signedInUser();
  const nano = addCreator('tinyrocket', { display_name: 'Tiny Rocket' });
  addDailyHistory(nano, { start: '2026-10-11T00:00:00Z', days: 40, followers: 2000, gain: 100 });
  const micro = addCreator('steadyclimb');
  addDailyHistory(micro, { start: '2026-10-11T00:00:00Z', days: 40, followers: 40_000, gain: 200 });
  const calm = addCreator('calmwaters');
  addDailyHistory(calm, { start: '2026-10-11T00:00:00Z', days: 40, followers: 5000, gain: 1 });
  analyticsDb.rising[nano.id] = ['+48% followers in 7 days, 4.1× the 30-day pace', 'video 7347 has 14.8× median views'];
  analyticsDb.rising[micro.id] = ['+5% followers in 7 days, 1.4× the 30-day pace', 'video 7111 has 5.2× median views'];
  analyticsDb.fit[micro.id] = 72;
  return { nano, micro, calm };
}

function cardHandles(): string[] {
  return within(screen.getByRole('list', { name: 'Rising creators' }))
    .getAllByRole('article')
    .map((card) => within(card).getByRole('heading').textContent ?? '');
}

describe('rising creators page', () => {
  it('lists the rising creators with the reasons in words', async () => {
    const { nano } = risingCreators();
    const { user } = renderApp('/lists');

    await user.click(await screen.findByRole('link', { name: 'Rising' }));

    expect(await screen.findByRole('heading', { name: 'Rising creators', level: 1 })).toBeInTheDocument();
    await screen.findByRole('list', { name: 'Rising creators' });
    expect(cardHandles()).toEqual(['@tinyrocket', '@steadyclimb']);
    const reasons = screen.getByRole('list', { name: 'Why @tinyrocket is rising' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['+48% followers in 7 days, 4.1× the 30-day pace', 'video 7347 has 14.8× median views']);
    const card = screen.getByRole('article', { name: '@tinyrocket' });
    expect(within(card).getByRole('link', { name: '@tinyrocket' })).toHaveAttribute('href', `/creators/${nano.id}`);
    expect(within(card).getByRole('img', { name: /^Followers, last 30 days: up/ })).toBeInTheDocument();
    expect(within(card).getByText('Nano')).toBeInTheDocument();
    expect(within(card).getByText('unknown')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '@calmwaters' })).not.toBeInTheDocument();
  });

  it('shows the content signal, marked as one, where no audience data gives a fit', async () => {
    const { nano, micro } = risingCreators();
    analyticsDb.content[nano.id] = 43;
    analyticsDb.content[micro.id] = 90;
    renderApp('/rising');
    await screen.findByRole('list', { name: 'Rising creators' });

    const nanoFit = within(screen.getByRole('article', { name: '@tinyrocket' })).getByText('Audience fit').nextSibling;
    expect(nanoFit).toHaveTextContent('43 content signal, from videos, not audience data');
    expect(nanoFit).not.toHaveTextContent('unknown');
    // A measured fit wins over the content signal.
    const microFit = within(screen.getByRole('article', { name: '@steadyclimb' })).getByText(
      'Audience fit',
    ).nextSibling;
    expect(microFit).toHaveTextContent(/^72$/);
  });

  it('marks a fit estimated from commenters as an estimate', async () => {
    const { micro } = risingCreators();
    analyticsDb.fitKind[micro.id] = 'estimated';
    renderApp('/rising');
    await screen.findByRole('list', { name: 'Rising creators' });

    const card = screen.getByRole('article', { name: '@steadyclimb' });
    expect(within(card).getByText('Audience fit').nextSibling).toHaveTextContent('≈72 est. estimated from commenters');
  });

  it('adds a rising creator to a list from their card, and says so with a link to the list', async () => {
    risingCreators();
    const list = addList({ name: 'Spring drop' });
    const { user } = renderApp('/rising');
    await screen.findByRole('list', { name: 'Rising creators' });
    const card = screen.getByRole('article', { name: '@tinyrocket' });

    const menu = within(card).getByRole('button', { name: 'Add to list for @tinyrocket' });
    await waitFor(() => expect(menu).toBeEnabled());
    await user.click(menu);
    await user.click(await within(card).findByRole('button', { name: 'Spring drop' }));

    const confirmation = (await screen.findByText(/^Added @tinyrocket to/)).closest('[role="status"]');
    expect(confirmation).toHaveTextContent('Added @tinyrocket to Spring drop.');
    expect(within(confirmation as HTMLElement).getByRole('link', { name: 'Spring drop' })).toHaveAttribute(
      'href',
      `/lists/${list.id}`,
    );
  });

  it('filters by tier and minimum fit, keeping the filters in the address', async () => {
    risingCreators();
    const { user, router } = renderApp('/rising');
    await screen.findByRole('list', { name: 'Rising creators' });

    await user.selectOptions(screen.getByLabelText('Follower tier'), 'micro');

    await waitFor(() => expect(cardHandles()).toEqual(['@steadyclimb']));
    expect(router.state.location.search).toBe('?tier=micro');

    await user.selectOptions(screen.getByLabelText('Follower tier'), '');
    await user.selectOptions(screen.getByLabelText('Audience fit'), '80');

    expect(await screen.findByText('No rising creators match these filters')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?min_fit=80');

    // Known or estimated: @steadyclimb has a fit, @tinyrocket only a content signal.
    await user.selectOptions(screen.getByLabelText('Audience fit'), 'known');
    await waitFor(() => expect(cardHandles()).toEqual(['@steadyclimb']));
    expect(router.state.location.search).toBe('?fit_known=true');
  });

  it('reads the filters from the address', async () => {
    risingCreators();
    renderApp('/rising?min_fit=60');

    await screen.findByRole('list', { name: 'Rising creators' });
    expect(cardHandles()).toEqual(['@steadyclimb']);
    expect(screen.getByLabelText('Audience fit')).toHaveValue('60');
  });

  it('explains what rising means, with the workspace’s thresholds, when nobody is rising', async () => {
    signedInUser();
    analyticsDb.settings.viral_multiple = 4;
    analyticsDb.settings.rising_follower_ceiling = 250_000;
    renderApp('/rising');

    expect(await screen.findByText('No rising creators right now')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText(/when their growth is accelerating/).closest('p')).toHaveTextContent(
        /reached 4\.0× their median views, while they still have fewer than 250K followers/,
      ),
    );
  });
});
