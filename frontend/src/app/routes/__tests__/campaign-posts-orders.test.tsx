import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addCampaign, addEntry, addOrder, addPost, campaignsDb } from '@/testing/mock-campaigns';
import { addCreator, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

function campaignWithCreators() {
  signedInUser();
  const campaign = addCampaign({ name: 'Summer tee drop' });
  const maya = addEntry(campaign, addCreator('mayabakes'), { discount_code: 'SUNNYMAYA', stage: 'posted', posts: 1 });
  const lee = addEntry(campaign, addCreator('liftwithlee'), { discount_code: 'SUNNYLEE' });
  return { campaign, maya, lee };
}

describe('campaign posts', () => {
  it('shows each post with the rule that matched, the matched text marked, its numbers and a TikTok link', async () => {
    const { campaign, maya } = campaignWithCreators();
    const post = addPost(campaign, maya);
    campaignsDb.curves[post.id] = [
      { at: '2026-11-18T18:00:00Z', views: 1_000, likes: 80, comments: 3, shares: 1 },
      { at: '2026-11-19T18:00:00Z', views: 9_000, likes: 700, comments: 30, shares: 9 },
      { at: '2026-11-20T11:00:00Z', views: 12_400, likes: 900, comments: 40, shares: 12 },
    ];
    const { user } = renderApp(`/campaigns/${campaign.id}?view=posts`);

    const card = await screen.findByRole('article', { name: 'Post by @mayabakes' });
    expect(card).toHaveTextContent('Matched the hashtag #sunnyco in the caption: “#SunnyCo”');
    const marked = card.querySelectorAll('mark');
    expect([...marked].map((mark) => mark.textContent)).toEqual(['#SunnyCo', '#SunnyCo']);
    expect(card).toHaveTextContent('My new favourite tee #SunnyCo #fyp');
    expect(within(card).getByText('12.4K')).toBeInTheDocument();
    expect(within(card).getByText('Demo')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: /^Watch on TikTok/ })).toHaveAttribute('href', post.share_url);

    await user.click(within(card).getByText('Views and engagement over time'));
    expect(
      await within(card).findByRole('img', { name: /^Views, likes, comments and shares over time: 3 checks/ }),
    ).toHaveAccessibleName(/latest 12,400 views, 900 likes, 40 comments, 12 shares\.$/);
  });

  it('dismisses a post that is not about the product, keeping it greyed at the bottom', async () => {
    const { campaign, maya } = campaignWithCreators();
    addPost(campaign, maya);
    const { user } = renderApp(`/campaigns/${campaign.id}?view=posts`);
    const card = await screen.findByRole('article', { name: 'Post by @mayabakes' });

    await user.click(within(card).getByRole('button', { name: 'Not about us: dismiss the post by @mayabakes' }));
    const confirmation = await screen.findByRole('dialog', { name: 'Dismiss the post by @mayabakes?' });
    await user.click(within(confirmation).getByRole('button', { name: 'Not about us' }));

    expect(await screen.findByText(/^Dismissed: @mayabakes, posted 18 Nov 2026/)).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Post by @mayabakes' })).not.toBeInTheDocument();
    expect(campaignsDb.posts[campaign.id]?.[0]?.status).toBe('dismissed');
  });

  it('attaches a video by URL, and explains a URL it cannot use beside the field', async () => {
    const { campaign } = campaignWithCreators();
    const { user } = renderApp(`/campaigns/${campaign.id}?view=posts`);
    const field = await screen.findByLabelText('Attach a video by URL');

    await user.type(field, 'https://www.tiktok.com/@stranger/video/7400000000000000001');
    await user.click(screen.getByRole('button', { name: 'Attach' }));
    await waitFor(() => expect(field).toHaveAccessibleDescription(/one of the campaign’s creators/));

    await user.clear(field);
    await user.type(field, 'https://www.tiktok.com/@liftwithlee/video/7400000000000000002');
    await user.click(screen.getByRole('button', { name: 'Attach' }));

    const card = await screen.findByRole('article', { name: 'Post by @liftwithlee' });
    expect(card).toHaveTextContent('Attached by hand');
    expect(card).toHaveTextContent('The video’s numbers have not been fetched yet.');
    expect(field).toHaveValue('');
  });
});

describe('campaign orders', () => {
  it('lists the orders and adds one by hand', async () => {
    const { campaign, maya } = campaignWithCreators();
    addOrder(campaign, maya, { order_id: '#1001', amount: 45, code: 'SUNNYMAYA' });
    const { user } = renderApp(`/campaigns/${campaign.id}?view=orders`);
    const table = await screen.findByRole('table', { name: 'Orders, newest first' });
    expect(within(table).getByRole('row', { name: /#1001/ })).toHaveTextContent('@mayabakes');

    await user.click(screen.getByRole('button', { name: 'Add order' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an order' });
    await user.selectOptions(within(dialog).getByLabelText('Creator'), '@liftwithlee');
    await user.type(within(dialog).getByLabelText('Order number'), '#1002');
    await user.clear(within(dialog).getByLabelText('Ordered on'));
    await user.type(within(dialog).getByLabelText('Ordered on'), '2026-11-20');
    await user.type(within(dialog).getByLabelText('Amount'), '39.9');
    await user.click(within(dialog).getByRole('button', { name: 'Add order' }));

    const added = await within(table).findByRole('row', { name: /#1002/ });
    expect(added).toHaveTextContent('@liftwithlee');
    expect(added).toHaveTextContent('$39.90');
    expect(added).toHaveTextContent('entered by hand');
  });

  it('imports a shop’s CSV and shows the unmatched codes first, with duplicates and bad lines', async () => {
    const { campaign, maya } = campaignWithCreators();
    addOrder(campaign, maya, { order_id: '#1001' });
    const { user } = renderApp(`/campaigns/${campaign.id}?view=orders`);
    await user.click(await screen.findByRole('button', { name: 'Import orders CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import orders' });

    await user.click(within(dialog).getByLabelText('Import the good lines, and list the bad ones'));
    const csv = [
      'date,order_id,code,utm,amount,currency',
      '2026-11-19,#1001,SUNNYMAYA,,45,USD',
      '2026-11-19,#1003,SUNNYLEE,,30,USD',
      '2026-11-19,#1004,SUNNYGHOST,,25,USD',
      '2026-11-20,#1005,,nobody,20,USD',
      '2026-11-20,#1007,,LiftWithLee,15,USD',
      '2026-11-20,#1006,SUNNYLEE,,lots,USD',
    ].join('\n');
    await user.click(within(dialog).getByLabelText('Or paste the CSV here'));
    await user.paste(csv);
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    const unmatched = await within(dialog).findByRole('heading', {
      name: '2 orders match no creator of this campaign',
    });
    const box = unmatched.closest('.alert') as HTMLElement;
    expect(box).toHaveTextContent('SUNNYGHOST, nobody');
    const rows = within(box).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['4SUNNYGHOST', '5nobody']);
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Wrote 2 orders, skipped 1 duplicate already imported, left out 3 lines.',
    );
    expect(within(dialog).getByRole('table', { name: 'Rejected lines' })).toHaveTextContent('7amount must be a number');

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('row', { name: /#1003/ })).toHaveTextContent('@liftwithlee');
    expect(screen.getByRole('row', { name: /#1007/ })).toHaveTextContent('@liftwithlee');
  });

  it('imports nothing from a file with a bad or unmatched line in all-or-nothing mode, listing each', async () => {
    const { campaign } = campaignWithCreators();
    const { user } = renderApp(`/campaigns/${campaign.id}?view=orders`);
    await user.click(await screen.findByRole('button', { name: 'Import orders CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import orders' });

    await user.click(within(dialog).getByLabelText('Or paste the CSV here'));
    await user.paste(
      'date,order_id,code,utm,amount,currency\n2026-11-19,#9,SUNNYLEE,,oops,USD\n2026-11-19,#10,SUNNYGHOST,,12,USD',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    expect(
      await within(dialog).findByText('2 row(s) are invalid or unmatched; nothing was imported.'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('heading', { name: '1 order matches no creator of this campaign' })).toBeVisible();
    expect(within(dialog).getByRole('table', { name: 'Unmatched codes and UTM values' })).toHaveTextContent(
      '3SUNNYGHOST',
    );
    expect(within(dialog).getByRole('table', { name: 'Rejected lines' })).toHaveTextContent('2amount must be a number');
    expect(campaignsDb.orders[campaign.id]).toHaveLength(0);
  });
});
