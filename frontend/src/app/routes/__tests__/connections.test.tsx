import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { leaveFor } from '@/lib/leave-app';
import { addConnection, connectionOf, connectSetup, noBusinessAccess } from '@/testing/mock-connections';
import { addCreator, addTeam, addWorkspace, personalWorkspaceOf, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

vi.mock('@/lib/leave-app', () => ({ leaveFor: vi.fn() }));

async function connectionCard() {
  return screen.findByRole('region', { name: /Connected account/ });
}

describe('connected account on the creator page', () => {
  it('makes a connect link to send, shown once, and shows it waiting', async () => {
    signedInUser();
    const creator = addCreator('mayabakes');
    const { user } = renderApp(`/creators/${creator.id}`);

    const card = await connectionCard();
    expect(await within(card).findByText(/Not connected/)).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Create connect link' }));

    const link = await within(card).findByRole('textbox', { name: 'Connect link' });
    expect((link as HTMLInputElement).value).toMatch(/^http:\/\/localhost(:\d+)?\/connect#zzc_/);
    expect(within(card).getByText('Link sent')).toBeInTheDocument();
    expect(within(card).getByText(/Waiting for @mayabakes to open the link/)).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'New connect link' })).toBeInTheDocument();
  });

  it('says why the last attempt to connect did not', async () => {
    const maya = signedInUser();
    const creator = addCreator('mayabakes');
    addConnection(personalWorkspaceOf(maya).id, creator.id, { last_error: 'The creator declined on TikTok.' });
    renderApp(`/creators/${creator.id}`);

    const card = await connectionCard();
    expect(await within(card).findByText('Link sent')).toBeInTheDocument();
    expect(
      within(card).getByText('The last attempt did not connect: The creator declined on TikTok.'),
    ).toBeInTheDocument();
  });

  it('shows when a connected account was read, what it granted, and disconnects after asking', async () => {
    const maya = signedInUser();
    const creator = addCreator('mayabakes');
    addConnection(personalWorkspaceOf(maya).id, creator.id, {
      status: 'connected',
      scopes: ['user.info.basic', 'user.info.stats'],
      connected_at: '2026-11-01T10:00:00Z',
      last_synced_at: '2026-11-20T09:00:00Z',
      next_sync_at: '2026-11-20T15:00:00Z',
    });
    const { user } = renderApp(`/creators/${creator.id}`);

    const card = await connectionCard();
    expect(await within(card).findByText('Connected')).toBeInTheDocument();
    expect(within(card).getByText(/Connected since 1 Nov 2026/)).toBeInTheDocument();
    expect(within(card).getByText(/your follower, following, like and video counts/)).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Disconnect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disconnect @mayabakes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));

    expect(await within(card).findByText('Disconnected')).toBeInTheDocument();
    expect(within(card).getByText(/Disconnected by the brand/)).toBeInTheDocument();
  });

  it('says why links cannot be made when connections are off', async () => {
    signedInUser();
    const creator = addCreator('mayabakes');
    connectSetup.disabledReason = 'Creator connections are off: set ZZYZX_ENCRYPTION_KEY.';
    const { user } = renderApp(`/creators/${creator.id}`);

    const card = await connectionCard();
    await user.click(await within(card).findByRole('button', { name: 'Create connect link' }));
    expect(await within(card).findByText(/set ZZYZX_ENCRYPTION_KEY/)).toBeInTheDocument();
  });

  it('shows the business audience shared, and stops reading it after asking', async () => {
    const maya = signedInUser();
    const creator = addCreator('mayabakes');
    addConnection(personalWorkspaceOf(maya).id, creator.id, {
      status: 'connected',
      connected_at: '2026-11-01T10:00:00Z',
      business: noBusinessAccess({
        status: 'connected',
        connected_at: '2026-11-03T10:00:00Z',
        last_read_at: '2026-11-20T09:00:00Z',
      }),
    });
    const { user } = renderApp(`/creators/${creator.id}`);

    const business = await screen.findByRole('region', { name: /Audience demographics/ });
    expect(within(business).getByText('Shared')).toBeInTheDocument();
    expect(within(business).getByText(/Shared by their business account since 3 Nov 2026/)).toBeInTheDocument();
    await user.click(within(business).getByRole('button', { name: 'Stop reading the audience' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop reading @mayabakes’s audience?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop reading' }));

    expect(await within(business).findByText('Stopped')).toBeInTheDocument();
    expect(within(business).getByText(/Ended by the brand\. The audience read so far stays/)).toBeInTheDocument();
    expect(within(await connectionCard()).getByText('Connected')).toBeInTheDocument();
  });

  it.each([
    [{}, 'Not shared', /If @mayabakes has a business account, they can share its audience/],
    [
      { disabled_reason: 'Sharing is off: set ZZYZX_TIKTOK_BUSINESS_APP_ID.' },
      'Not shared',
      /Not available on this server: Sharing is off/,
    ],
    [
      { status: 'pending', last_error: 'The creator declined to share their business account’s audience on TikTok.' },
      'Not shared yet',
      /The creator declined to share/,
    ],
    [
      { status: 'revoked', last_error: 'TikTok refused the business token (40105).' },
      'Revoked on TikTok',
      /TikTok refused the business token \(40105\)\. The audience read so far stays/,
    ],
  ] as const)('says where the business audience stands: %o', async (business, badge, text) => {
    const maya = signedInUser();
    const creator = addCreator('mayabakes');
    addConnection(personalWorkspaceOf(maya).id, creator.id, {
      status: 'connected',
      business: noBusinessAccess(business),
    });
    if ('disabled_reason' in business) connectSetup.businessDisabledReason = business.disabled_reason;
    renderApp(`/creators/${creator.id}`);

    const section = await screen.findByRole('region', { name: /Audience demographics/ });
    expect(within(section).getByText(badge)).toBeInTheDocument();
    expect(within(section).getByText(text)).toBeInTheDocument();
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets a viewer see the state but not make links', async () => {
    const team = addTeam(signedInUser(), 'viewer');
    const creator = addCreator('mayabakes');
    renderApp(`/creators/${creator.id}`, { workspaceId: team.id });

    const card = await connectionCard();
    expect(await within(card).findByText(/Not connected/)).toBeInTheDocument();
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('the creator’s connect page', () => {
  it('says who asks for which account and what they will see, then goes to TikTok', async () => {
    const brand = addWorkspace('Sunny Threads');
    const creator = addCreator('mayabakes');
    const connection = addConnection(brand.id, creator.id);
    const { user } = renderApp(`/connect#${connection.token}`);

    expect(await screen.findByRole('heading', { name: 'Connect your TikTok account', level: 1 })).toBeInTheDocument();
    expect(screen.getByText(/asks to see the numbers of your TikTok account/)).toHaveTextContent(
      'Sunny Threads asks to see the numbers of your TikTok account @mayabakes',
    );
    expect(screen.getByText(/your public videos with their views/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Connect with TikTok' }));
    await vi.waitFor(() =>
      expect(leaveFor).toHaveBeenCalledWith(expect.stringContaining('https://www.tiktok.com/v2/auth/authorize/')),
    );
  });

  it('lets a connected creator disconnect', async () => {
    const brand = addWorkspace('Sunny Threads');
    const creator = addCreator('mayabakes');
    const connection = addConnection(brand.id, creator.id, {
      status: 'connected',
      connected_at: '2026-11-01T10:00:00Z',
    });
    const { user } = renderApp(`/connect#${connection.token}`);

    expect(await screen.findByText('@mayabakes is connected since 1 Nov 2026.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByText('You disconnected this account. You can connect it again.')).toBeInTheDocument();
    expect(connectionOf(creator.id)?.status).toBe('disconnected');
  });

  it('offers a connected creator to share their business audience, saying what it shares', async () => {
    const brand = addWorkspace('Sunny Threads');
    const creator = addCreator('mayabakes');
    const connection = addConnection(brand.id, creator.id, { status: 'connected' });
    const { user } = renderApp(`/connect#${connection.token}`);

    const section = await screen.findByRole('region', { name: 'Audience demographics (business account)' });
    expect(
      within(section).getByText(/let Sunny Threads see your audience’s top countries, genders and age groups/),
    ).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Share audience demographics (business account)' }));
    await vi.waitFor(() => expect(leaveFor).toHaveBeenCalledWith(expect.stringContaining('app_id=')));
    expect(connectionOf(creator.id)?.business.status).toBe('pending');
  });

  it('offers no business step before connecting, or when this zzyzx cannot read business audiences', async () => {
    const brand = addWorkspace('Sunny Threads');
    const pending = addConnection(brand.id, addCreator('mayabakes').id);
    const { unmount } = renderApp(`/connect#${pending.token}`);
    expect(await screen.findByRole('button', { name: 'Connect with TikTok' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Share audience demographics/ })).not.toBeInTheDocument();
    unmount();

    const connected = addConnection(brand.id, addCreator('olgaknits').id, { status: 'connected' });
    connectSetup.businessDisabledReason = 'off';
    renderApp(`/connect#${connected.token}`);
    expect(await screen.findByRole('button', { name: 'Disconnect' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Audience demographics/ })).not.toBeInTheDocument();
  });

  it('lets a creator who shares their business audience stop, keeping the account connected', async () => {
    const brand = addWorkspace('Sunny Threads');
    const creator = addCreator('mayabakes');
    const connection = addConnection(brand.id, creator.id, {
      status: 'connected',
      business: noBusinessAccess({ status: 'connected', connected_at: '2026-11-03T10:00:00Z' }),
    });
    const { user } = renderApp(`/connect#${connection.token}`);

    expect(
      await screen.findByText('You share your audience demographics with Sunny Threads since 3 Nov 2026.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Stop sharing audience demographics' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop sharing audience demographics?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop sharing' }));

    expect(await screen.findByText('You stopped sharing them. You can share them again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Share audience demographics (business account)' })).toBeInTheDocument();
    expect(connectionOf(creator.id)?.status).toBe('connected');
    expect(connectionOf(creator.id)?.business.status).toBe('disconnected');
  });

  it('says a replaced or mistyped link does not work', async () => {
    renderApp('/connect#zzc_nothing');
    expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument();
  });

  it('says when this zzyzx cannot connect accounts', async () => {
    const connection = addConnection(addWorkspace('Sunny Threads').id, addCreator('mayabakes').id);
    connectSetup.disabledReason = 'off';
    renderApp(`/connect#${connection.token}`);
    expect(await screen.findByText(/this zzyzx is not set up for it/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Connect with TikTok' })).not.toBeInTheDocument();
  });
});

describe('where the authorization ends', () => {
  it.each([
    ['outcome=connected&handle=mayabakes', '@mayabakes is connected'],
    ['outcome=denied', 'Nothing was connected'],
    ['outcome=wrong_account&handle=mayabakes&authorized=other', 'That was another account'],
    ['outcome=missing_scopes&handle=mayabakes', 'A permission is missing'],
    ['outcome=invalid_state', 'This authorization has expired'],
    ['outcome=failed&handle=mayabakes', 'TikTok did not answer as expected'],
    ['outcome=disabled', 'Connecting is off here'],
  ])('%s reads “%s”', async (query, title) => {
    renderApp(`/connect/done?${query}`);
    expect(await screen.findByRole('heading', { name: title, level: 1 })).toBeInTheDocument();
  });

  it.each([
    ['outcome=connected&handle=mayabakes', '@mayabakes shares its audience demographics'],
    ['outcome=denied', 'No audience demographics were shared'],
    ['outcome=wrong_account&handle=mayabakes&authorized=other', 'That was another account'],
    ['outcome=missing_scopes&handle=mayabakes', 'A permission is missing'],
    ['outcome=invalid_state', 'This authorization has expired'],
    ['outcome=failed&handle=mayabakes', 'TikTok did not answer as expected'],
    ['outcome=not_connected&handle=mayabakes', 'Your account is no longer connected'],
    ['outcome=disabled', 'Sharing audience demographics is off here'],
  ])('step=business&%s reads “%s”', async (query, title) => {
    renderApp(`/connect/done?step=business&${query}`);
    expect(await screen.findByRole('heading', { name: title, level: 1 })).toBeInTheDocument();
  });

  it('tells a business refusal from a connection refusal', async () => {
    renderApp('/connect/done?step=business&outcome=denied');
    expect(await screen.findByText(/Your account stays connected/)).toBeInTheDocument();
  });

  it('names the other account that was authorized', async () => {
    renderApp('/connect/done?outcome=wrong_account&handle=mayabakes&authorized=someone.else');
    expect(await screen.findByText(/You authorized @someone.else, but the link is for @mayabakes/)).toBeInTheDocument();
  });
});
