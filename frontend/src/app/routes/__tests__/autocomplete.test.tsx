import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addCreator, addItem, addList, db, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

/** A list page whose workspace knows two fitness creators, one tracked, and whose source finds a third. */
function listWithKnownCreators() {
  signedInUser();
  const list = addList({ name: 'Spring drop' });
  const other = addList({ name: 'Shortlist' });
  addItem(
    other,
    addCreator('fitwithfrida', {
      display_name: 'Frida Lund',
      latest: {
        captured_at: '2026-11-19T00:00:00Z',
        followers: 1_234_567,
        following: 1,
        likes: 1,
        videos: 1,
        source: 'demo',
      },
    }),
  );
  addCreator('fitness.felix', { display_name: 'Felix Moreau' });
  db.sourceUsers.push({ handle: 'fitcheck.fenwick', display_name: 'Fenwick Osei', followers: 134_592 });
  return list;
}

function shownHandles(): string[] {
  const list = screen.getByRole('list', { name: 'Creators in this list, in order' });
  return within(list)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

afterEach(() => {
  server.events.removeAllListeners();
});

describe('add-creator autocomplete', () => {
  it('suggests known creators first, with avatar initials, followers, a tracked badge and the source hint', async () => {
    const list = listWithKnownCreators();
    const { user } = renderApp(`/lists/${list.id}`);
    const input = await screen.findByRole('combobox', { name: 'Add a creator' });

    await user.type(input, 'fi');

    const listbox = await screen.findByRole('listbox', { name: 'Suggested creators' });
    const options = await within(listbox).findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      expect.stringMatching(/^FL@fitwithfridaTrackedFrida Lund1\.2M followers$/),
      expect.stringMatching(/^FM@fitness\.felixFelix Moreau$/),
      expect.stringMatching(/^FO@fitcheck\.fenwickFenwick Oseifrom TikTok search134\.6K followers$/),
    ]);
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/3 suggestions; use the up and down arrows/)).toBeInTheDocument();
  });

  it('waits for a pause in typing, then searches once for what was typed', async () => {
    const list = listWithKnownCreators();
    const searched: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/creators/search') searched.push(url.searchParams.get('q') ?? '');
    });
    const { user } = renderApp(`/lists/${list.id}`);
    const input = await screen.findByRole('combobox', { name: 'Add a creator' });

    await user.type(input, 'fitw');

    expect(await screen.findByRole('option', { name: /@fitwithfrida/ })).toBeInTheDocument();
    expect(searched).toEqual(['fitw']);
  });

  it('moves through the suggestions with the arrow keys and adds the one chosen with Enter', async () => {
    const list = listWithKnownCreators();
    const { user } = renderApp(`/lists/${list.id}`);
    const input = await screen.findByRole('combobox', { name: 'Add a creator' });
    await screen.findByText('No creators in this list yet');

    await user.type(input, 'fi');
    await screen.findAllByRole('option');
    await user.keyboard('[ArrowDown][ArrowDown][ArrowDown][ArrowUp]');

    const active = screen.getByRole('option', { selected: true });
    expect(active).toHaveTextContent('@fitness.felix');
    expect(input).toHaveAttribute('aria-activedescendant', active.id);

    await user.keyboard('[Enter]');

    expect(await screen.findByText('Added @fitness.felix.')).toBeInTheDocument();
    await waitFor(() => expect(shownHandles()).toEqual(['@fitness.felix']));
    expect(input).toHaveValue('');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('wraps from the first suggestion to the last, and adds a source-only creator picked with the mouse', async () => {
    const list = listWithKnownCreators();
    const { user } = renderApp(`/lists/${list.id}`);
    const input = await screen.findByRole('combobox', { name: 'Add a creator' });

    await user.type(input, 'fi');
    await screen.findAllByRole('option');
    await user.keyboard('[ArrowUp]');
    expect(screen.getByRole('option', { selected: true })).toHaveTextContent('@fitcheck.fenwick');

    await user.click(screen.getByRole('option', { name: /@fitcheck\.fenwick/ }));

    expect(await screen.findByText('Added @fitcheck.fenwick.')).toBeInTheDocument();
    expect(db.items[list.id]?.map((item) => item.creator.handle)).toEqual(['fitcheck.fenwick']);
  });

  it('closes the suggestions with Escape, then adds the text as typed with Enter', async () => {
    const list = listWithKnownCreators();
    const { user } = renderApp(`/lists/${list.id}`);
    const input = await screen.findByRole('combobox', { name: 'Add a creator' });

    await user.type(input, '@fitwithfrida');
    await screen.findByRole('option', { name: /@fitwithfrida/ });
    await user.keyboard('[Escape]');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(input).toHaveAttribute('aria-expanded', 'false');

    await user.keyboard('[Enter]');

    expect(await screen.findByText('Added @fitwithfrida.')).toBeInTheDocument();
  });

  it('says when nothing matches, and still adds a pasted profile link without searching for it', async () => {
    const list = listWithKnownCreators();
    const { user } = renderApp(`/lists/${list.id}`);
    const input = await screen.findByRole('combobox', { name: 'Add a creator' });

    await user.type(input, 'zz');
    expect(await screen.findByText(/No matching creators/)).toBeInTheDocument();

    await user.clear(input);
    await user.type(input, 'https://www.tiktok.com/@newface?lang=en{Enter}');

    expect(await screen.findByText('Added @newface.')).toBeInTheDocument();
  });
});
