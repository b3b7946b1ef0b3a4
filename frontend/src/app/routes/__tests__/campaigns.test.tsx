import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addCampaign, addEntry, campaignsDb } from '@/testing/mock-campaigns';
import { addCreator, addTeam, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

describe('campaigns page', () => {
  it('lists each campaign with its status, dates, counts and a demo badge, from the main navigation', async () => {
    signedInUser();
    const tee = addCampaign({ name: 'Summer tee drop', starts_on: '2026-11-01', ends_on: '2026-12-15' });
    addEntry(tee, addCreator('mayabakes'), { overdue: true, stage: 'shipped' });
    addEntry(tee, addCreator('liftwithlee'));
    addCampaign({ name: 'Demo hoodies', status: 'finished', demo: true });
    const { user } = renderApp('/lists');

    await user.click(await screen.findByRole('link', { name: 'Campaigns' }));

    const table = await screen.findByRole('table', { name: 'Campaigns, newest first' });
    const [, demoRow, teeRow] = within(table).getAllByRole('row');
    expect(within(demoRow!).getByRole('link', { name: 'Demo hoodies' })).toBeInTheDocument();
    expect(within(demoRow!).getByText('Demo')).toBeInTheDocument();
    expect(within(demoRow!).getByText('Finished')).toBeInTheDocument();
    expect(within(teeRow!).getByText('Running')).toBeInTheDocument();
    expect(within(teeRow!).getByText('1 Nov 2026 – 15 Dec 2026')).toBeInTheDocument();
    expect(within(teeRow!).queryByText('Demo')).not.toBeInTheDocument();
    expect(
      within(teeRow!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Running', '1 Nov 2026 – 15 Dec 2026', '2', '0', '1']);
    expect(within(teeRow!).getByRole('link', { name: 'Summer tee drop' })).toHaveAttribute(
      'href',
      `/campaigns/${tee.id}`,
    );
  });

  it('says what a campaign is for when there is none', async () => {
    signedInUser();
    renderApp('/campaigns');

    expect(await screen.findByText('No campaigns yet')).toBeInTheDocument();
    expect(screen.getByText(/follows each creator from first contact to their post/)).toBeInTheDocument();
  });

  it('creates a campaign from the form, then opens it', async () => {
    signedInUser();
    const { user, router } = renderApp('/campaigns');
    await user.click(await screen.findByRole('button', { name: 'New campaign' }));
    const dialog = await screen.findByRole('dialog', { name: 'New campaign' });

    expect(within(dialog).getByLabelText('Overdue after (days)')).toHaveValue(14);
    await user.type(within(dialog).getByLabelText('Name'), 'Autumn hoodie');
    await user.type(within(dialog).getByLabelText('Product name'), 'Fleece hoodie');
    await user.type(within(dialog).getByLabelText('Unit cost'), '18.5');
    await user.type(within(dialog).getByLabelText('Shipping cost'), '6');
    await user.type(within(dialog).getByLabelText('Retail value'), '59');
    await user.type(within(dialog).getByLabelText('Hashtags'), '#SunnyCo, sunnycopartner');
    await user.type(within(dialog).getByLabelText('Discount-code patterns'), 'SUNNY*');
    await user.click(within(dialog).getByRole('button', { name: 'Create campaign' }));

    await screen.findByRole('heading', { name: 'Autumn hoodie', level: 1 });
    const created = campaignsDb.campaigns[0];
    expect(router.state.location.pathname).toBe(`/campaigns/${created?.id}`);
    expect(created?.product).toEqual({
      name: 'Fleece hoodie',
      unit_cost: 18.5,
      shipping_cost: 6,
      retail_value: 59,
      currency: 'USD',
    });
    expect(created?.rules?.hashtags).toEqual(['sunnyco', 'sunnycopartner']);
    expect(created?.rules?.code_patterns).toEqual(['SUNNY*']);
    expect(created?.overdue_days).toBe(14);
  });

  it('shows the server’s objections next to their fields, naming the bad entry of a list', async () => {
    signedInUser();
    const { user } = renderApp('/campaigns');
    await user.click(await screen.findByRole('button', { name: 'New campaign' }));
    const dialog = await screen.findByRole('dialog', { name: 'New campaign' });

    await user.type(within(dialog).getByLabelText('Name'), 'Broken');
    await user.type(within(dialog).getByLabelText('Product name'), 'Tee');
    await user.type(within(dialog).getByLabelText('Unit cost'), '10');
    await user.type(within(dialog).getByLabelText('Shipping cost'), '5');
    await user.type(within(dialog).getByLabelText('Retail value'), '30');
    await user.clear(within(dialog).getByLabelText('Ends on'));
    await user.type(within(dialog).getByLabelText('Ends on'), '2020-01-01');
    await user.type(within(dialog).getByLabelText('Hashtags'), 'sunnyco, ab');
    await user.type(within(dialog).getByLabelText('Keywords and phrases'), 'gifted by sunny');
    await user.click(within(dialog).getByRole('button', { name: 'Create campaign' }));

    const hashtags = within(dialog).getByLabelText('Hashtags');
    await waitFor(() => expect(hashtags).toHaveAttribute('aria-invalid', 'true'));
    expect(hashtags).toHaveAccessibleDescription(/“ab”: must be a hashtag of 3 to 100 characters/);
    expect(within(dialog).getByLabelText('Ends on')).toHaveAccessibleDescription(/must be on or after the start/);
    expect(within(dialog).getByLabelText('Keywords and phrases')).toHaveAttribute('aria-invalid', 'false');
    // Every message sits at its field, so no alert repeats them.
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(campaignsDb.campaigns).toHaveLength(0);
  });

  it('says at the name field when another campaign has that name', async () => {
    signedInUser();
    addCampaign({ name: 'Summer tee drop' });
    const { user } = renderApp('/campaigns');
    await user.click(await screen.findByRole('button', { name: 'New campaign' }));
    const dialog = await screen.findByRole('dialog', { name: 'New campaign' });

    await user.type(within(dialog).getByLabelText('Name'), 'Summer tee drop');
    for (const [label, value] of [
      ['Product name', 'Tee'],
      ['Unit cost', '10'],
      ['Shipping cost', '5'],
      ['Retail value', '30'],
    ] as const) {
      await user.type(within(dialog).getByLabelText(label), value);
    }
    await user.click(within(dialog).getByRole('button', { name: 'Create campaign' }));

    await waitFor(() =>
      expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription('A campaign with this name exists.'),
    );
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('checks the numbers before sending anything', async () => {
    signedInUser();
    const { user } = renderApp('/campaigns');
    await user.click(await screen.findByRole('button', { name: 'New campaign' }));
    const dialog = await screen.findByRole('dialog', { name: 'New campaign' });

    await user.type(within(dialog).getByLabelText('Name'), 'Typo');
    await user.type(within(dialog).getByLabelText('Unit cost'), 'twelve');
    await user.click(within(dialog).getByRole('button', { name: 'Create campaign' }));

    expect(within(dialog).getByLabelText('Unit cost')).toHaveAccessibleDescription(/Enter a number\./);
    expect(within(dialog).getByLabelText('Shipping cost')).toHaveAccessibleDescription(/Enter a number\./);
    expect(campaignsDb.campaigns).toHaveLength(0);
  });

  it('edits a campaign’s details and rules', async () => {
    signedInUser();
    const campaign = addCampaign({ name: 'Summer tee drop' });
    const { user } = renderApp(`/campaigns/${campaign.id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Summer tee drop”' });

    expect(within(dialog).getByLabelText('Hashtags')).toHaveValue('sunnyco');
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'Summer tee relaunch');
    await user.type(within(dialog).getByLabelText('Keywords and phrases'), 'sunny co');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await screen.findByRole('heading', { name: 'Summer tee relaunch', level: 1 });
    expect(campaignsDb.campaigns[0]?.rules?.keywords).toEqual(['sunny co']);
  });
});

describe('campaigns by role', () => {
  function northwindAs(role: 'viewer' | 'editor' | 'owner') {
    const maya = signedInUser();
    const team = addTeam(maya, role);
    const campaign = addCampaign({ name: 'Team tee', workspace_id: team.id });
    addEntry(campaign, addCreator('alpha'));
    return { team, campaign };
  }

  it('a viewer reads campaigns without any control that changes them', async () => {
    const { team } = northwindAs('viewer');
    const { user } = renderApp('/campaigns', { workspaceId: team.id });

    await user.click(await screen.findByRole('link', { name: 'Team tee' }));
    await screen.findByRole('heading', { name: 'Team tee', level: 1 });
    const board = await screen.findByRole('group', { name: 'Pipeline board' });

    expect(within(board).getByText('@alpha')).toBeInTheDocument();
    expect(within(board).queryAllByRole('button')).toHaveLength(0);
    for (const name of ['Add creators', 'Edit', 'Share report', 'Delete']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    await user.click(screen.getByRole('tab', { name: 'Posts' }));
    await screen.findByText('No posts found yet');
    expect(screen.queryByLabelText('Attach a video by URL')).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Orders' }));
    await screen.findByText('No orders yet');
    expect(screen.queryByRole('button', { name: 'Import orders CSV' })).not.toBeInTheDocument();
  });

  it('a viewer gets no "New campaign" button', async () => {
    const { team } = northwindAs('viewer');
    renderApp('/campaigns', { workspaceId: team.id });

    await screen.findByRole('link', { name: 'Team tee' });
    expect(screen.queryByRole('button', { name: 'New campaign' })).not.toBeInTheDocument();
  });

  it('an editor changes the campaign but neither shares nor deletes it', async () => {
    const { team, campaign } = northwindAs('editor');
    renderApp(`/campaigns/${campaign.id}`, { workspaceId: team.id });

    expect(await screen.findByRole('button', { name: 'Add creators' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Move to… (@alpha)' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Share report' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });

  it('an owner deletes a campaign after confirming, and lands on the index', async () => {
    const { team, campaign } = northwindAs('owner');
    const { user, router } = renderApp(`/campaigns/${campaign.id}`, { workspaceId: team.id });

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const confirmation = await screen.findByRole('dialog', { name: 'Delete this campaign?' });
    await user.click(within(confirmation).getByRole('button', { name: 'Delete campaign' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/campaigns'));
    expect(campaignsDb.campaigns).toHaveLength(0);
    expect(await screen.findByText('No campaigns yet')).toBeInTheDocument();
  });
});
