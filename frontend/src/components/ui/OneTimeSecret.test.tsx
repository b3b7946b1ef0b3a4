import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OneTimeSecret } from './OneTimeSecret';

describe('OneTimeSecret', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('copies the secret and says so', async () => {
    const user = userEvent.setup();
    render(<OneTimeSecret label="API key" value="zz_secret" onDone={() => undefined} />);

    await user.click(screen.getByRole('button', { name: 'Copy' }));

    expect(await navigator.clipboard.readText()).toBe('zz_secret');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(screen.getByText('Copied to the clipboard.')).toBeInTheDocument();
  });

  it('selects the secret for copying by hand where the clipboard refuses', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('not allowed'));
    render(<OneTimeSecret label="API key" value="zz_secret" onDone={() => undefined} />);

    await user.click(screen.getByRole('button', { name: 'Copy' }));

    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'API key' });
    expect(await screen.findByText(/Could not copy here. The text is selected/)).toBeInTheDocument();
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 'zz_secret'.length]);
  });

  it('is dismissed with Done', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    render(<OneTimeSecret label="API key" value="zz_secret" onDone={onDone} />);

    await user.click(screen.getByRole('button', { name: 'Done' }));

    expect(onDone).toHaveBeenCalledOnce();
  });
});
