import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyticsDb } from '@/testing/mock-analytics';
import { addCampaign, addEntry, campaignsDb } from '@/testing/mock-campaigns';
import { addCreator, addDailyHistory, addItem, addList, addVideo, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

function handlesIn(campaignId: string): string[] {
  return (campaignsDb.entries[campaignId] ?? []).map((entry) => entry.creator.handle);
}

describe('adding creators to a campaign from elsewhere', () => {
  it('adds a rising creator from their card', async () => {
    signedInUser();
    const campaign = addCampaign({ name: 'Summer tee drop' });
    addCampaign({ name: 'Last spring', status: 'finished' });
    const rocket = addCreator('tinyrocket');
    addDailyHistory(rocket, { start: '2026-10-11T00:00:00Z', days: 40, followers: 2000, gain: 100 });
    analyticsDb.rising[rocket.id] = ['+48% followers in 7 days'];
    const { user } = renderApp('/rising');

    const card = await screen.findByRole('article', { name: '@tinyrocket' });
    await user.click(within(card).getByRole('button', { name: 'Add to campaign for @tinyrocket' }));
    // Finished campaigns are not offered.
    expect(within(card).queryByRole('button', { name: 'Last spring' })).not.toBeInTheDocument();
    await user.click(await within(card).findByRole('button', { name: 'Summer tee drop' }));

    expect(await within(card).findByText(/^Added 1 creator to/)).toHaveTextContent(
      'Added 1 creator to Summer tee drop.',
    );
    expect(handlesIn(campaign.id)).toEqual(['tinyrocket']);
  });

  it('adds a hashtag video’s creator, and says when they are in the campaign already', async () => {
    signedInUser();
    const campaign = addCampaign({ name: 'Summer tee drop' });
    const tanvir = addCreator('tempo.tanvir');
    addVideo(tanvir, { description: 'the 3 lifts I never skip #gymtok', hashtags: ['gymtok'] });
    addEntry(campaign, tanvir);
    const { user } = renderApp('/hashtags/gymtok');

    const card = (await screen.findByText('the 3 lifts I never skip #gymtok')).closest<HTMLElement>('.card')!;
    await user.click(within(card).getByRole('button', { name: 'Add to campaign for @tempo.tanvir' }));
    await user.click(await within(card).findByRole('button', { name: 'Summer tee drop' }));

    expect(await within(card).findByText('Already in Summer tee drop.')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: /^Add to list/ })).toBeInTheDocument();
  });

  it('adds every creator of a list from its dashboard', async () => {
    signedInUser();
    const campaign = addCampaign({ name: 'Summer tee drop' });
    const list = addList({ name: 'Gym picks' });
    addItem(list, addCreator('alpha'));
    addItem(list, addCreator('bravo'));
    const { user } = renderApp(`/lists/${list.id}/dashboard`);

    await user.click(await screen.findByRole('button', { name: 'Add to campaign for every creator of Gym picks' }));
    await user.click(await screen.findByRole('button', { name: 'Summer tee drop' }));

    expect(await screen.findByText(/^Added 2 creators to/)).toBeInTheDocument();
    expect(handlesIn(campaign.id)).toEqual(['alpha', 'bravo']);
  });
});
