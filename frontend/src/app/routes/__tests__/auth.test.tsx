import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { http, problem } from '@/testing/mock-api';
import { addUser, db, signedInUser } from '@/testing/mock-db';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/render-app';

afterEach(() => {
  server.events.removeAllListeners();
});

describe('login', () => {
  it('logs in and lands on the lists page with the user named in the navbar', async () => {
    // Arrange
    addUser({ email: 'maya@example.com', password: 'a long and unusual passphrase', display_name: 'Maya Stone' });
    const { user } = renderApp('/login');

    // Act
    await user.type(await screen.findByLabelText('E-mail'), 'maya@example.com');
    await user.type(screen.getByLabelText('Password'), 'a long and unusual passphrase');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    // Assert
    expect(await screen.findByRole('heading', { name: 'Lists', level: 1 })).toBeInTheDocument();
    expect(within(screen.getByRole('banner')).getByText('Maya Stone')).toBeInTheDocument();
  });

  it('says the credentials are wrong on invalid_credentials and stays on the form', async () => {
    addUser({ email: 'maya@example.com', password: 'a long and unusual passphrase' });
    const { user, router } = renderApp('/login');

    await user.type(await screen.findByLabelText('E-mail'), 'maya@example.com');
    await user.type(screen.getByLabelText('Password'), 'not the right passphrase at all');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('The e-mail or password is wrong.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(db.sessionUserId).toBeNull();
  });

  it('does not send an empty form, and says what is missing at each field', async () => {
    let requests = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/auth/login')) requests += 1;
    });
    const { user } = renderApp('/login');

    await user.click(await screen.findByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('Enter your e-mail address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('E-mail')).toHaveAccessibleDescription('Enter your e-mail address.');

    await user.type(screen.getByLabelText('E-mail'), 'maya@example.com');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(screen.queryByText('Enter your e-mail address.')).not.toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(requests).toBe(0);
  });

  it('asks to wait as long as Retry-After says when throttled', async () => {
    server.use(
      http.post('/api/v1/auth/login', ({ response }) =>
        response(429).json(problem(429, 'too_many_requests', 'Too many attempts.'), {
          headers: { 'Retry-After': '30' },
        }),
      ),
    );
    const { user } = renderApp('/login');

    await user.type(await screen.findByLabelText('E-mail'), 'maya@example.com');
    await user.type(screen.getByLabelText('Password'), 'whatever passphrase this is');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('Too many attempts.')).toBeInTheDocument();
    expect(screen.getByText('Please wait 30 seconds before trying again.')).toBeInTheDocument();
  });

  it('restores the session from the refresh cookie on page load', async () => {
    signedInUser({ display_name: 'Returning Rita' });

    renderApp('/lists');

    expect(await screen.findByText('Returning Rita')).toBeInTheDocument();
  });

  it('sends a visitor without a session to the login page', async () => {
    const { router } = renderApp('/lists');

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('sends the user to log in, saying why, when the session can no longer be refreshed', async () => {
    signedInUser();
    const { user, router } = renderApp('/lists');
    await user.click(await screen.findByRole('button', { name: 'New list' }));
    // The session is revoked elsewhere (say, a password change on another device).
    db.sessionUserId = null;

    const dialog = await screen.findByRole('dialog', { name: 'New list' });
    await user.type(within(dialog).getByLabelText('Name'), 'Too late');
    await user.click(within(dialog).getByRole('button', { name: 'Create list' }));

    expect(await screen.findByText('Your session ended. Please log in again.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('logs out and returns to the login page', async () => {
    signedInUser();
    const { user, router } = renderApp('/lists');

    await user.click(await screen.findByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(db.sessionUserId).toBeNull();
  });
});

describe('registration', () => {
  it('shows each field error next to its field', async () => {
    const { user } = renderApp('/register');

    await user.type(await screen.findByLabelText('E-mail'), 'new@example.com');
    await user.type(screen.getByLabelText('Password'), 'too short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const password = screen.getByLabelText('Password');
    expect(await screen.findByText('must be at least 15 characters')).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('must be at least 15 characters'));
    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription('must be at least 1 characters');
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'false');
  });

  it('creates the account and logs in', async () => {
    const { user } = renderApp('/register');

    await user.type(await screen.findByLabelText('Your name'), 'Nia');
    await user.type(screen.getByLabelText('E-mail'), 'nia@example.com');
    await user.type(screen.getByLabelText('Password'), 'sourdough starter saga');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { name: 'Lists', level: 1 })).toBeInTheDocument();
    expect(db.users.map((u) => u.email)).toContain('nia@example.com');
  });
});
