import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { http, problem } from '@/testing/mock-api';
import { addCampaign, addEntry, campaignsDb } from '@/testing/mock-campaigns';
import { addCreator, addItem, addList, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

/** A running campaign with three creators at different stages. */
function teeCampaign() {
  signedInUser();
  const campaign = addCampaign({ name: 'Summer tee drop' });
  const mayaCreator = addCreator('mayabakes', {
    display_name: 'Maya Bakes',
    latest: {
      captured_at: '2026-11-19T08:00:00Z',
      followers: 48_200,
      following: 10,
      likes: 100,
      videos: 3,
      source: 'demo',
    },
  });
  const maya = addEntry(campaign, mayaCreator);
  const lee = addEntry(campaign, addCreator('liftwithlee'), {
    stage: 'delivered',
    overdue: true,
    shipment: {
      shipped_on: '2026-10-20',
      units: 2,
      cost: 6,
      carrier: 'DHL',
      tracking_url: 'https://track.example.com/123',
      delivered_on: '2026-10-23',
    },
  });
  const tanvir = addEntry(campaign, addCreator('tempo.tanvir'), { stage: 'posted', posts: 2 });
  return { campaign, maya, mayaCreator, lee, tanvir };
}

function column(name: string): HTMLElement {
  return screen.getByRole('region', { name: new RegExp(`^${name}`) });
}

function handlesIn(name: string): string[] {
  return within(within(column(name)).getByRole('list'))
    .queryAllByRole('link')
    .map((link) => link.textContent ?? '');
}

async function openBoard(url: string) {
  const view = renderApp(url);
  await screen.findByRole('group', { name: 'Pipeline board' });
  return view;
}

describe('campaign board', () => {
  it('shows a column per stage in order, each card with followers, overdue and posts', async () => {
    const { campaign } = teeCampaign();
    await openBoard(`/campaigns/${campaign.id}`);

    const board = screen.getByRole('group', { name: 'Pipeline board' });
    expect(
      within(board)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual([
      'Shortlisted1 creator',
      'Contacted0 creators',
      'Agreed0 creators',
      'Shipped0 creators',
      'Delivered1 creator',
      'Posted1 creator',
      'Declined0 creators',
      'No-show0 creators',
    ]);
    expect(handlesIn('Shortlisted')).toEqual(['@mayabakes']);
    expect(within(column('Shortlisted')).getByText('48.2K followers')).toBeInTheDocument();
    expect(within(column('Shortlisted')).getByText('MB')).toBeInTheDocument();
    expect(within(column('Delivered')).getByText('Overdue')).toBeInTheDocument();
    expect(within(column('Posted')).getByText('2 posts')).toBeInTheDocument();
  });

  it('moves a creator with the keyboard through “Move to…”, saving the stage and recording the default shipment', async () => {
    const { campaign, maya } = teeCampaign();
    const { user } = await openBoard(`/campaigns/${campaign.id}`);

    const toggle = screen.getByRole('button', { name: 'Move to… (@mayabakes)' });
    toggle.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Contacted' })).toBeVisible());
    // Down through Contacted and Agreed to Shipped.
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('button', { name: 'Shipped' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(handlesIn('Shipped')).toEqual(['@mayabakes']);
    expect(screen.getByText('Moved @mayabakes to Shipped.')).toBeInTheDocument();
    await waitFor(() => expect(campaignsDb.entries[campaign.id]?.find((e) => e.id === maya.id)?.stage).toBe('shipped'));
    expect(campaignsDb.entries[campaign.id]?.find((e) => e.id === maya.id)?.shipment?.units).toBe(1);
    // The focus follows the card into its new column.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Move to… (@mayabakes)' })).toHaveFocus());
  });

  it('puts the card back and says why when the server refuses the move', async () => {
    const { campaign } = teeCampaign();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(
      http.put('/api/v1/campaigns/{campaign_id}/creators/{entry_id}/stage', async ({ response }) => {
        await answered;
        return response(404).json(problem(404, 'not_found', 'This creator is no longer in the campaign.'), {
          headers: { 'Content-Type': 'application/problem+json' },
        });
      }),
    );
    const { user } = await openBoard(`/campaigns/${campaign.id}`);

    await user.click(screen.getByRole('button', { name: 'Move to… (@mayabakes)' }));
    await user.click(await screen.findByRole('button', { name: 'Agreed' }));

    // At once, before the server answers.
    expect(handlesIn('Agreed')).toEqual(['@mayabakes']);
    expect(handlesIn('Shortlisted')).toEqual([]);
    answer();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not move @mayabakes, so it is back in Shortlisted: This creator is no longer in the campaign.',
    );
    expect(handlesIn('Shortlisted')).toEqual(['@mayabakes']);
    expect(handlesIn('Agreed')).toEqual([]);
    expect(campaignsDb.entries[campaign.id]?.[0]?.stage).toBe('shortlisted');
  });

  it('gives every card a drag grip that explains itself to screen readers', async () => {
    const { campaign } = teeCampaign();
    await openBoard(`/campaigns/${campaign.id}`);

    const grip = screen.getByRole('button', { name: 'Drag @mayabakes to another stage' });
    expect(grip).toHaveAttribute('aria-roledescription', 'draggable');
    expect(grip).toHaveAccessibleDescription(/left and right arrow keys to choose the stage/);
  });
});

describe('campaign table view', () => {
  it('shows stage, contact with its bio badge, code, UTM link, shipment, posts and overdue', async () => {
    const { campaign, maya } = teeCampaign();
    maya.contact = 'maya@example.com';
    maya.contact_from_bio = true;
    maya.discount_code = 'SUNNYMAYA';
    renderApp(`/campaigns/${campaign.id}?view=table`);

    const table = await screen.findByRole('table', { name: 'Creators in this campaign, by handle' });
    const lee = within(table).getByRole('row', { name: /@liftwithlee/ });
    expect(lee).toHaveTextContent('Delivered');
    expect(lee).toHaveTextContent('Shipped 20 Oct 2026 · 2 units');
    expect(lee).toHaveTextContent('DHL');
    expect(within(lee).getByRole('link', { name: 'Track (opens in a new tab)' })).toHaveAttribute(
      'href',
      'https://track.example.com/123',
    );
    expect(lee).toHaveTextContent('Delivered 23 Oct 2026');
    expect(within(lee).getByText('Overdue')).toBeInTheDocument();
    const mayaRow = within(table).getByRole('row', { name: /@mayabakes/ });
    expect(mayaRow).toHaveTextContent('maya@example.com');
    expect(within(mayaRow).getByText('from bio')).toBeInTheDocument();
    expect(within(mayaRow).getByText('SUNNYMAYA')).toBeInTheDocument();
    expect(mayaRow).toHaveTextContent('https://shop.example.com/tee?utm_source=tiktok&utm_content=mayabakes');
    expect(mayaRow).toHaveTextContent('by Maya');
    expect(within(mayaRow).getByRole('button', { name: 'Copy UTM link for @mayabakes' })).toBeInTheDocument();
  });

  it('edits contact, code, fee and clicks in the row, with the server’s objection at the field', async () => {
    const { campaign, maya } = teeCampaign();
    const { user } = renderApp(`/campaigns/${campaign.id}?view=table`);
    await screen.findByRole('table', { name: 'Creators in this campaign, by handle' });

    await user.click(screen.getByRole('button', { name: 'Edit contact, code, fee and clicks of @mayabakes' }));
    await user.type(screen.getByLabelText('Contact for @mayabakes'), 'maya@example.com');
    await user.type(screen.getByLabelText('Discount code for @mayabakes'), 'no!');
    await user.type(screen.getByLabelText('Fee for @mayabakes'), '150');
    await user.type(screen.getByLabelText('Clicks for @mayabakes'), '320{Enter}');

    const code = await screen.findByLabelText('Discount code for @mayabakes');
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    expect(code).toHaveAccessibleDescription('must be 3 to 40 letters, digits, - or _');

    await user.clear(code);
    await user.type(code, 'SUNNYMAYA');
    await user.click(screen.getByRole('button', { name: 'Save @mayabakes' }));

    await waitFor(() => expect(screen.queryByLabelText('Contact for @mayabakes')).not.toBeInTheDocument());
    const row = screen.getByRole('row', { name: /@mayabakes/ });
    expect(row).toHaveTextContent('SUNNYMAYA');
    expect(row).toHaveTextContent('$150.00');
    expect(row).toHaveTextContent('320');
    expect(campaignsDb.entries[campaign.id]?.find((entry) => entry.id === maya.id)).toMatchObject({
      contact: 'maya@example.com',
      discount_code: 'SUNNYMAYA',
      fee: 150,
      clicks: 320,
    });
  });

  it('says at the field when another creator has that discount code', async () => {
    const { campaign, lee } = teeCampaign();
    lee.discount_code = 'SUNNYLEE';
    const { user } = renderApp(`/campaigns/${campaign.id}?view=table`);
    await screen.findByRole('table', { name: 'Creators in this campaign, by handle' });

    await user.click(screen.getByRole('button', { name: 'Edit contact, code, fee and clicks of @mayabakes' }));
    await user.type(screen.getByLabelText('Discount code for @mayabakes'), 'sunnylee{Enter}');

    const code = screen.getByLabelText('Discount code for @mayabakes');
    await waitFor(() => expect(code).toHaveAccessibleDescription('Another creator has this discount code.'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('records a shipment in its dialog', async () => {
    const { campaign, maya } = teeCampaign();
    const { user } = renderApp(`/campaigns/${campaign.id}?view=table`);
    await screen.findByRole('table', { name: 'Creators in this campaign, by handle' });

    await user.click(screen.getByRole('button', { name: 'Record a shipment to @mayabakes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Shipment to @mayabakes' });
    await user.clear(within(dialog).getByLabelText('Shipped on'));
    await user.type(within(dialog).getByLabelText('Shipped on'), '2026-11-10');
    await user.clear(within(dialog).getByLabelText('Units'));
    await user.type(within(dialog).getByLabelText('Units'), '3');
    await user.type(within(dialog).getByLabelText('Carrier (optional)'), 'UPS');
    await user.type(within(dialog).getByLabelText('Delivered on (optional)'), '2026-11-08');
    await user.click(within(dialog).getByRole('button', { name: 'Save shipment' }));

    expect(await within(dialog).findByLabelText('Delivered on (optional)')).toHaveAccessibleDescription(
      /must be on or after the ship date/,
    );
    await user.clear(within(dialog).getByLabelText('Delivered on (optional)'));
    await user.type(within(dialog).getByLabelText('Delivered on (optional)'), '2026-11-13');
    await user.click(within(dialog).getByRole('button', { name: 'Save shipment' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('row', { name: /@mayabakes/ })).toHaveTextContent('Shipped 10 Nov 2026 · 3 units');
    expect(campaignsDb.entries[campaign.id]?.find((entry) => entry.id === maya.id)?.shipment).toEqual({
      shipped_on: '2026-11-10',
      units: 3,
      cost: null,
      carrier: 'UPS',
      tracking_url: null,
      delivered_on: '2026-11-13',
    });
  });
});

describe('adding creators to a campaign', () => {
  it('adds a whole list, counting those already in', async () => {
    const { campaign, mayaCreator } = teeCampaign();
    const list = addList({ name: 'Gym picks' });
    addItem(list, addCreator('newface'));
    addItem(list, mayaCreator);
    const { user } = await openBoard(`/campaigns/${campaign.id}`);

    await user.click(screen.getByRole('button', { name: 'Add creators' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add creators' });
    await waitFor(() => expect(within(dialog).getByLabelText('List')).toBeEnabled());
    await user.selectOptions(within(dialog).getByLabelText('List'), 'Gym picks (2)');
    await user.click(within(dialog).getByRole('button', { name: 'Add creators' }));

    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Added 1 creator; 1 was in the campaign already. They start as shortlisted.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(handlesIn('Shortlisted')).toEqual(['@mayabakes', '@newface']));
  });

  it('adds creators by handle, one per line or separated by commas', async () => {
    const { campaign } = teeCampaign();
    const { user } = await openBoard(`/campaigns/${campaign.id}`);

    await user.click(screen.getByRole('button', { name: 'Add creators' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add creators' });
    await user.click(within(dialog).getByLabelText('Creators by handle'));
    await user.type(within(dialog).getByLabelText('Handles'), '@newface, second.one{Enter}mayabakes');
    await user.click(within(dialog).getByRole('button', { name: 'Add creators' }));

    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Added 2 creators; 1 was in the campaign already.',
    );
  });
});
