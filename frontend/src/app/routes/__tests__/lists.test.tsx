import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { http, problem } from '@/testing/mock-api';
import { addList, db, setSource, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

function listNames(): string[] {
  const lists = screen.getByRole('list', { name: 'Your lists' });
  return within(lists)
    .getAllByRole('listitem')
    .map((item) => within(item).getAllByRole('link')[0]?.textContent ?? '');
}

afterEach(() => {
  server.events.removeAllListeners();
});

describe('lists page', () => {
  it('says there are no lists yet when there are none', async () => {
    signedInUser();
    renderApp('/lists');

    expect(await screen.findByText('No lists yet')).toBeInTheDocument();
  });

  it.each([
    { source: 'demo', labelled: true },
    { source: 'tikapi', labelled: false },
  ])('carries the demo label when the data source is $source: $labelled', async ({ source, labelled }) => {
    signedInUser();
    setSource(source);
    addList({ name: 'Spring drop' });
    const statusAnswered = new Promise<void>((resolve) =>
      server.events.on('response:mocked', ({ request }) => {
        if (request.url.endsWith('/sources/status')) resolve();
      }),
    );
    renderApp('/lists');
    await screen.findByRole('link', { name: 'Spring drop' });
    await statusAnswered;

    if (labelled) {
      expect(await screen.findByRole('note')).toHaveTextContent(/^Demo data\. .*not real TikTok accounts/);
    } else {
      // Give the answer a moment to render before saying it did not.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(screen.queryByRole('note')).not.toBeInTheDocument();
    }
  });

  it('shows an error with a retry button when the lists cannot be loaded', async () => {
    signedInUser();
    server.use(
      http.get('/api/v1/lists', ({ response }) => response(500).json(problem(500, 'internal', 'Database down.'))),
    );
    renderApp('/lists');

    expect(await screen.findByText('Could not load your lists.')).toBeInTheDocument();
    expect(screen.getByText('Database down.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('creates a list and opens it, and the list then appears in the overview', async () => {
    signedInUser();
    addList({ name: 'Existing' });
    const { user, router } = renderApp('/lists');
    await screen.findByRole('link', { name: 'Existing' });

    await user.click(screen.getByRole('button', { name: 'New list' }));
    const dialog = await screen.findByRole('dialog', { name: 'New list' });
    await user.type(within(dialog).getByLabelText('Name'), 'Gym wear');
    await user.type(within(dialog).getByLabelText('Description (optional)'), 'Spring campaign');
    await user.click(within(dialog).getByRole('button', { name: 'Create list' }));

    expect(await screen.findByRole('heading', { name: 'Gym wear', level: 1 })).toBeInTheDocument();
    const created = db.lists.find((list) => list.name === 'Gym wear');
    expect(router.state.location.pathname).toBe(`/lists/${created?.id}`);
    expect(screen.getByText('Spring campaign')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('link', { name: '← All lists' }));
    await waitFor(() => expect(listNames()).toEqual(['Existing', 'Gym wear']));
  });

  it('keeps the dialog open and marks the name when it is taken', async () => {
    signedInUser();
    addList({ name: 'Gym wear' });
    const { user } = renderApp('/lists');
    await screen.findByRole('link', { name: 'Gym wear' });

    await user.click(screen.getByRole('button', { name: 'New list' }));
    const dialog = await screen.findByRole('dialog', { name: 'New list' });
    await user.type(within(dialog).getByLabelText('Name'), 'Gym wear');
    await user.click(within(dialog).getByRole('button', { name: 'Create list' }));

    expect(await within(dialog).findByText('A list with this name exists.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(db.lists).toHaveLength(1);
  });

  it('renames a list', async () => {
    signedInUser();
    addList({ name: 'Old name' });
    const { user } = renderApp('/lists');

    await user.click(await screen.findByRole('button', { name: 'Rename Old name' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename “Old name”' });
    const name = within(dialog).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'New name');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(listNames()).toEqual(['New name']));
    expect(db.lists[0]?.name).toBe('New name');
  });

  it('deletes a list only after confirmation', async () => {
    signedInUser();
    addList({ name: 'Keep me' });
    addList({ name: 'Delete me' });
    const { user } = renderApp('/lists');

    await user.click(await screen.findByRole('button', { name: 'Delete Delete me' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this list?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(db.lists).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Delete Delete me' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete list' }));

    await waitFor(() => expect(listNames()).toEqual(['Keep me']));
    expect(db.lists.map((list) => list.name)).toEqual(['Keep me']);
  });
});
