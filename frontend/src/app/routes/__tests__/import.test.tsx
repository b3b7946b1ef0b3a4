import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addList, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

const CSV_WITH_A_BAD_ROW = [
  'handle,captured_at,followers,following,likes,videos',
  'mayabakes,2026-11-01,100,5,1000,3',
  'mayabakes,yesterday,150,5,1300,4',
].join('\n');

async function openImportDialog() {
  signedInUser();
  const list = addList();
  const view = renderApp(`/lists/${list.id}`);
  await view.user.click(await screen.findByRole('button', { name: 'Import CSV' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import metric history' });
  return { ...view, dialog };
}

describe('CSV import dialog', () => {
  it('lists the rejected lines when the whole file is refused', async () => {
    const { user, dialog } = await openImportDialog();

    await user.click(within(dialog).getByLabelText('Or paste the CSV here'));
    await user.paste(CSV_WITH_A_BAD_ROW);
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    expect(await within(dialog).findByText('1 row(s) are invalid; nothing was imported.')).toBeInTheDocument();
    const rejected = within(dialog).getByRole('table', { name: 'Rejected rows' });
    const [, row] = within(rejected).getAllByRole('row');
    expect(row).toHaveTextContent('3');
    expect(row).toHaveTextContent('captured_at must be an RFC 3339 time or a YYYY-MM-DD date');
  });

  it('imports the good rows in partial mode and reports the bad one', async () => {
    const { user, dialog } = await openImportDialog();

    await user.click(within(dialog).getByLabelText('Or paste the CSV here'));
    await user.paste(CSV_WITH_A_BAD_ROW);
    await user.click(within(dialog).getByLabelText('Import the good rows, and list the bad ones'));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    expect(await within(dialog).findByText(/Wrote 1 row, rejected 1/)).toBeInTheDocument();
    expect(within(dialog).getByRole('table', { name: 'Rejected rows' })).toHaveTextContent('3');
    expect(within(dialog).getByRole('button', { name: 'Done' })).toBeInTheDocument();
  });
});
