import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyticsDb } from '@/testing/mock-analytics';
import { addCreator, addDailyHistory, addItem, addList, addVideo, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

/** A list of three creators in this order: small and fast, big and slow, and one with no numbers. */
function listWithCreators() {
  signedInUser();
  const list = addList({ name: 'Spring drop: gym wear' });
  const small = addCreator('smallfast', { display_name: 'Small Fast' });
  addDailyHistory(small, { start: '2026-10-11T00:00:00Z', days: 40, followers: 1000, gain: 50 });
  for (const views of [1000, 2000, 3000]) addVideo(small, { views, likes: views / 10, comments: 0, shares: 0 });
  const big = addCreator('bigslow');
  addDailyHistory(big, { start: '2026-10-11T00:00:00Z', days: 40, followers: 90_000, gain: 5 });
  const empty = addCreator('notyet');
  for (const creator of [small, big, empty]) addItem(list, creator);
  analyticsDb.rising[small.id] = ['+12% followers in 7 days, 2.0× the 30-day pace', 'video 7400 has 6.1× median views'];
  return { list, small, big, empty };
}

function dataRows(): HTMLElement[] {
  return within(screen.getByRole('table', { name: /^Creators,/ }))
    .getAllByRole('row')
    .slice(1);
}

function handles(): string[] {
  return dataRows().map((row) => within(row).getByRole('link', { name: /^@/ }).textContent ?? '');
}

afterEach(() => vi.restoreAllMocks());

describe('list dashboard', () => {
  it('marks the totals up as one description list of term-and-value groups', async () => {
    const { list } = listWithCreators();
    renderApp(`/lists/${list.id}/dashboard`);

    const totals = await screen.findByLabelText('List totals');
    expect(totals.tagName).toBe('DL');
    for (const group of totals.children) {
      expect(group.tagName).toBe('DIV');
      expect([...group.children].map((child) => child.tagName)).toEqual(['DT', 'DD']);
    }
    expect(totals.children).toHaveLength(4);
  });

  it('puts the wide table in a box that scrolls sideways and shows when there is more', async () => {
    const { list } = listWithCreators();
    // A phone: the table is four times as wide as the box.
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(1600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(390);
    renderApp(`/lists/${list.id}/dashboard`);

    const table = await screen.findByRole('table', { name: 'Creators, in list order' });
    const box = table.closest('.wide-table-scroll');
    expect(box).toHaveClass('dashboard-table');
    // The cue follows a measurement after the table is in the page, so wait for it.
    await waitFor(() => expect(box?.parentElement).toHaveClass('has-more-right'));
    expect(screen.getByText('Scroll sideways for more →')).toBeInTheDocument();
  });

  it('shows every creator with growth, engagement, rising and fit, and the totals', async () => {
    const { list } = listWithCreators();
    const { user } = renderApp(`/lists/${list.id}`);

    await user.click(await screen.findByRole('link', { name: 'Dashboard' }));

    await screen.findByRole('table', { name: 'Creators, in list order' });
    expect(handles()).toEqual(['@smallfast', '@bigslow', '@notyet']);
    const [small, big, empty] = dataRows() as [HTMLElement, HTMLElement, HTMLElement];
    // 1000 + 39 × 50 = 2,950 followers; +350 over 7 days is +13.5% of 2,600.
    expect(small).toHaveTextContent('3K');
    expect(small).toHaveTextContent('+350');
    expect(small).toHaveTextContent('+13.5%');
    expect(small).toHaveTextContent('10.0%');
    expect(within(small).getByRole('img', { name: /^Followers, last 30 days: up/ })).toBeInTheDocument();
    expect(within(small).getByRole('button', { name: 'Rising' })).toBeInTheDocument();
    expect(within(big).getByText('No')).toHaveAttribute('title', expect.stringMatching(/^Not rising: /));
    expect(within(big).getByText('unknown')).toBeInTheDocument();
    expect(within(empty).getAllByText('—').length).toBeGreaterThan(3);

    const totals = screen.getByLabelText('List totals');
    expect(within(totals).getByText('Creators').nextElementSibling).toHaveTextContent('3');
    expect(within(totals).getByText('Combined followers').nextElementSibling).toHaveTextContent('93.1K');
    expect(within(totals).getByText('Rising').nextElementSibling).toHaveTextContent('1');
  });

  it('explains the rising badge on hover', async () => {
    const { list } = listWithCreators();
    const { user } = renderApp(`/lists/${list.id}/dashboard`);

    await screen.findByRole('table', { name: 'Creators, in list order' });

    await user.hover(within(dataRows()[0] as HTMLElement).getByRole('button', { name: 'Rising' }));

    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('+12% followers in 7 days, 2.0× the 30-day pace');
    expect(tooltip).toHaveTextContent('video 7400 has 6.1× median views');
  });

  it('sorts by a column when its header is clicked, and back the other way', async () => {
    const { list } = listWithCreators();
    const { user, router } = renderApp(`/lists/${list.id}/dashboard`);
    await screen.findByRole('table', { name: 'Creators, in list order' });

    await user.click(screen.getByRole('button', { name: /^Followers/ }));

    await screen.findByRole('table', { name: 'Creators, by followers, highest first' });
    await waitFor(() => expect(handles()).toEqual(['@bigslow', '@smallfast', '@notyet']));
    expect(router.state.location.search).toBe('?sort=followers&order=desc');
    expect(screen.getByRole('columnheader', { name: /^Followers/ })).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('button', { name: /^Followers/ }));

    await waitFor(() => expect(handles()).toEqual(['@smallfast', '@bigslow', '@notyet']));
    expect(router.state.location.search).toBe('?sort=followers&order=asc');
  });

  it('reads the order from the address', async () => {
    const { list } = listWithCreators();
    renderApp(`/lists/${list.id}/dashboard?sort=handle&order=desc`);

    await screen.findByRole('table', { name: 'Creators, by handle, Z to A' });
    expect(handles()).toEqual(['@smallfast', '@notyet', '@bigslow']);
  });

  it('exports the dashboard as a CSV file in the order shown', async () => {
    const { list } = listWithCreators();
    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:dashboard';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user } = renderApp(`/lists/${list.id}/dashboard?sort=followers&order=desc`);

    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('spring-drop-gym-wear-dashboard.csv');
    const [header, first] = (await saved[0]?.text())?.split('\n') ?? [];
    expect(header).toBe('position,handle,followers,rising');
    expect(first).toBe('1,bigslow,90195,false');
  });

  it('opens a creator’s profile from their handle without reloading the app', async () => {
    const { list, small } = listWithCreators();
    const { user, router } = renderApp(`/lists/${list.id}/dashboard`);

    await user.click(await screen.findByRole('link', { name: '@smallfast' }));

    expect(await screen.findByRole('heading', { name: 'Small Fast', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/creators/${small.id}`);
  });

  it('labels demo data', async () => {
    signedInUser();
    const list = addList();
    addItem(
      list,
      addCreator('demo_creator', {
        latest: {
          captured_at: '2026-11-19T00:00:00Z',
          followers: 5,
          following: 1,
          likes: 9,
          videos: 1,
          source: 'demo',
        },
      }),
    );
    renderApp(`/lists/${list.id}/dashboard`);

    expect(await screen.findByText('Demo data.')).toBeInTheDocument();
    expect(within(dataRows()[0] as HTMLElement).getByText('demo')).toBeInTheDocument();
  });

  it('says what to do with an empty list', async () => {
    signedInUser();
    const list = addList();
    renderApp(`/lists/${list.id}/dashboard`);

    expect(await screen.findByText('No creators in this list yet')).toBeInTheDocument();
  });
});
