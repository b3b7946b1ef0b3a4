import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
});
import { http, problem } from '@/testing/mock-api';
import { addCreator, addItem, addList, db, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

/** The handles in the order the page shows them. */
function shownHandles(): string[] {
  const list = screen.getByRole('list', { name: 'Creators in this list, in order' });
  return within(list)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

/** The list row (not a tag inside it) of the creator with this handle. */
function rowOf(handle: string): HTMLElement {
  const row = screen.getByRole('link', { name: handle }).closest<HTMLElement>('ol > li');
  if (!row) throw new Error(`No row for ${handle}`);
  return row;
}

function listWithCreators(...handles: string[]) {
  signedInUser();
  const list = addList({ name: 'Spring drop' });
  const items = handles.map((handle) => addItem(list, addCreator(handle)));
  return { list, items };
}

describe('list page', () => {
  it('shows each creator in order with avatar initials, names and compact latest counts with their source', async () => {
    signedInUser();
    const list = addList({ name: 'Spring drop', description: 'Gym wear for March' });
    addItem(list, addCreator('mayabakes', { display_name: 'Maya Bakes' }), {
      note: 'Loves linen',
      tags: ['baking', 'uk'],
    });
    addItem(
      list,
      addCreator('liftwithlee', {
        latest: {
          captured_at: '2026-11-19T08:00:00Z',
          followers: 1_234_567,
          following: 10,
          likes: 45_600,
          videos: 300,
          source: 'import',
        },
      }),
    );

    renderApp(`/lists/${list.id}`);

    expect(await screen.findByRole('heading', { name: 'Spring drop', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Gym wear for March')).toBeInTheDocument();
    await waitFor(() => expect(shownHandles()).toEqual(['@mayabakes', '@liftwithlee']));

    const maya = rowOf('@mayabakes');
    const lee = rowOf('@liftwithlee');
    expect(within(maya).getByText('MB')).toBeInTheDocument();
    expect(within(maya).getByText('Maya Bakes')).toBeInTheDocument();
    expect(within(maya).getByText('Loves linen')).toBeInTheDocument();
    expect(within(maya).getByText('baking')).toBeInTheDocument();
    expect(within(maya).getByText('No data yet')).toBeInTheDocument();
    expect(within(lee).getByText('1.2M')).toBeInTheDocument();
    expect(within(lee).getByText('45.6K')).toBeInTheDocument();
    expect(within(lee).getByText('CSV import')).toBeInTheDocument();
    expect(within(lee).getByTitle(/1,234,567 followers, 45,600 likes \(CSV import, /)).toBeInTheDocument();
  });

  it('says when the list is empty', async () => {
    const { list } = listWithCreators();
    renderApp(`/lists/${list.id}`);

    expect(await screen.findByText('No creators in this list yet')).toBeInTheDocument();
  });

  it('adds a creator from a pasted profile URL', async () => {
    const { list } = listWithCreators('mayabakes');
    const { user } = renderApp(`/lists/${list.id}`);
    await screen.findByText('@mayabakes');

    await user.type(screen.getByLabelText('Add a creator'), 'https://www.tiktok.com/@LiftWithLee?lang=en');
    await user.click(screen.getByRole('button', { name: 'Add' }));

    await waitFor(() => expect(shownHandles()).toEqual(['@mayabakes', '@liftwithlee']));
    expect(screen.getByText('Added @liftwithlee.')).toBeInTheDocument();
    expect(screen.getByLabelText('Add a creator')).toHaveValue('');
  });

  it('scrolls the creator just added into view and highlights it for a moment', async () => {
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    const { list } = listWithCreators('mayabakes', 'liftwithlee');
    const { user } = renderApp(`/lists/${list.id}`);
    await screen.findByText('@mayabakes');

    await user.type(screen.getByLabelText('Add a creator'), 'tempo.tanvir');
    await user.click(screen.getByRole('button', { name: 'Add' }));

    await waitFor(() => expect(rowOf('@tempo.tanvir')).toHaveClass('is-just-added'));
    expect(scrolled.mock.contexts).toContain(rowOf('@tempo.tanvir'));
    expect(rowOf('@mayabakes')).not.toHaveClass('is-just-added');
    await waitFor(() => expect(rowOf('@tempo.tanvir')).not.toHaveClass('is-just-added'), { timeout: 4000 });
  });

  it('explains beside the field when the creator is already in the list', async () => {
    const { list } = listWithCreators('mayabakes');
    const { user } = renderApp(`/lists/${list.id}`);
    await screen.findByText('@mayabakes');

    await user.type(screen.getByLabelText('Add a creator'), '@MayaBakes');
    await user.click(screen.getByRole('button', { name: 'Add' }));

    expect(await screen.findByText('@mayabakes is already in this list.')).toBeInTheDocument();
    expect(screen.getByLabelText('Add a creator')).toHaveAttribute('aria-invalid', 'true');
    expect(db.items[list.id]).toHaveLength(1);
  });

  it('moves a creator and saves the new order', async () => {
    const { list } = listWithCreators('first', 'second', 'third');
    const { user } = renderApp(`/lists/${list.id}`);
    await screen.findByText('@first');

    await user.click(screen.getByRole('button', { name: 'Move @first down' }));

    expect(shownHandles()).toEqual(['@second', '@first', '@third']);
    await waitFor(() =>
      expect(db.items[list.id]?.map((item) => item.creator.handle)).toEqual(['second', 'first', 'third']),
    );
  });

  it('undoes a move the server refuses as stale and says why', async () => {
    const { list } = listWithCreators('first', 'second', 'third');
    const { user } = renderApp(`/lists/${list.id}`);
    await screen.findByText('@first');
    // Someone else reorders the list after this page loaded it.
    const [first, second, third] = db.items[list.id]!;
    db.items[list.id] = [third!, first!, second!].map((item, position) => ({ ...item, position }));
    list.version += 1;

    await user.click(screen.getByRole('button', { name: 'Move @first down' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/changed somewhere else .* so the move was undone/);
    // The page then shows the order the other person made, not ours.
    await waitFor(() => expect(shownHandles()).toEqual(['@third', '@first', '@second']));
  });

  it('rolls back to the previous order as soon as a move fails, before the list is reloaded', async () => {
    const { list } = listWithCreators('first', 'second');
    let answerMove: () => void = () => undefined;
    let answerReload: () => void = () => undefined;
    const { user } = renderApp(`/lists/${list.id}`);
    await screen.findByText('@first');
    server.use(
      http.post('/api/v1/lists/{list_id}/items/{item_id}/move', async ({ response }) => {
        await new Promise<void>((resolve) => (answerMove = resolve));
        return response(409).json(problem(409, 'stale_version', 'The list changed since you loaded it.'));
      }),
      // Hold the reload back, so only the rollback can restore the order.
      http.get('/api/v1/lists/{list_id}/items', async ({ response }) => {
        await new Promise<void>((resolve) => (answerReload = resolve));
        return response(200).json({ version: list.version, items: db.items[list.id] ?? [], next_cursor: null });
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Move @second up' }));
    // Optimistic: the new order shows before the server answers.
    expect(shownHandles()).toEqual(['@second', '@first']);
    answerMove();

    expect(await screen.findByRole('alert')).toHaveTextContent('the move was undone');
    expect(shownHandles()).toEqual(['@first', '@second']);
    answerReload();
  });

  it('reorders with the keyboard and announces each step', async () => {
    const { list } = listWithCreators('first', 'second', 'third');
    const { user } = renderApp(`/lists/${list.id}`);
    await screen.findByText('@first');
    stubRowGeometry();

    screen.getByRole('button', { name: 'Drag to reorder @first' }).focus();
    await user.keyboard('[Space]');
    // dnd-kit says "Picked up …" and at once where the creator hovers; the live region keeps the last.
    expect(await screen.findByText('@first is over position 1 of 3.')).toBeInTheDocument();
    await user.keyboard('[ArrowDown]');
    expect(await screen.findByText('@first is over position 2 of 3.')).toBeInTheDocument();
    await user.keyboard('[Space]');

    expect(await screen.findByText('@first dropped at position 2 of 3.')).toBeInTheDocument();
    await waitFor(() =>
      expect(db.items[list.id]?.map((item) => item.creator.handle)).toEqual(['second', 'first', 'third']),
    );
    expect(shownHandles()).toEqual(['@second', '@first', '@third']);
  });

  it('edits the note and tags of a creator', async () => {
    const { list } = listWithCreators('mayabakes');
    const { user } = renderApp(`/lists/${list.id}`);

    await user.click(await screen.findByRole('button', { name: 'Edit note and tags of @mayabakes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Note and tags for @mayabakes' });
    await user.type(within(dialog).getByLabelText('Note'), 'Sent a hoodie');
    await user.type(within(dialog).getByLabelText('Tags'), 'gym, sample sent, gym');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Sent a hoodie')).toBeInTheDocument();
    expect(db.items[list.id]?.[0]?.tags).toEqual(['gym', 'sample sent']);
  });

  it('removes a creator after confirmation', async () => {
    const { list } = listWithCreators('first', 'second');
    const { user } = renderApp(`/lists/${list.id}`);

    await user.click(await screen.findByRole('button', { name: 'Remove @first from this list' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Remove @first?' })).getByRole('button', { name: 'Remove' }),
    );

    await waitFor(() => expect(shownHandles()).toEqual(['@second']));
  });
});

/**
 * jsdom lays nothing out, so every element measures 0×0 and dnd-kit's keyboard sensor finds no
 * neighbour to move to. Give each row of the list a 60 px tall box in document order.
 */
function stubRowGeometry() {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const row = this.closest('li.list-item-row');
    const index = row?.parentElement ? [...row.parentElement.children].indexOf(row) : -1;
    // Everything else keeps jsdom's empty box.
    return index < 0 ? new DOMRect() : new DOMRect(0, index * 60, 600, 60);
  });
}
