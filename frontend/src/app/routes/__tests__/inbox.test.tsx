import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addEvent, alertsDb } from '@/testing/mock-alerts';
import { addCampaign } from '@/testing/mock-campaigns';
import { addCreator, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

function bell(): HTMLElement {
  return within(screen.getByRole('banner')).getByRole('link', { name: /^Alerts/ });
}

function inbox(): HTMLElement {
  return screen.getByRole('list', { name: 'Events, newest first' });
}

/** Three events about a creator, a campaign and the source, the campaign's read already. */
function threeEvents(readerId: string) {
  const creator = addCreator('mayabakes');
  const campaign = addCampaign({ name: 'Summer tee drop' });
  const viral = addEvent({
    type: 'video.viral',
    occurred_at: '2026-11-20T10:00:00Z',
    sentence: '@mayabakes posted a video at 8× her median views.',
    subject: { creator_id: creator.id, handle: 'mayabakes', video_id: '7400000000000000001' },
    demo: true,
  });
  const post = addEvent({
    type: 'campaign.post_detected',
    occurred_at: '2026-11-19T10:00:00Z',
    sentence: '@mayabakes posted for Summer tee drop.',
    subject: { creator_id: creator.id, handle: 'mayabakes', campaign_id: campaign.id, campaign_name: campaign.name },
    readBy: [readerId],
  });
  const paused = addEvent({
    type: 'source.paused',
    occurred_at: '2026-11-20T11:00:00Z',
    sentence: 'The data source paused until 14:00: its quota is spent.',
  });
  return { creator, campaign, viral, post, paused };
}

describe('the bell', () => {
  it('shows how many events are unread and leads to the inbox', async () => {
    const maya = signedInUser();
    threeEvents(maya.id);
    renderApp('/lists');

    const link = await screen.findByRole('link', { name: /^Alerts,\s*2\s*unread$/ });

    expect(link).toHaveAttribute('href', '/inbox');
    expect(link).toHaveTextContent('2');
  });

  it('shows no count when everything is read', async () => {
    signedInUser();
    renderApp('/lists');

    await screen.findByRole('heading', { name: 'Lists', level: 1 });

    await waitFor(() => expect(bell()).toHaveAccessibleName('Alerts'));
  });
});

describe('the inbox', () => {
  it('lists events newest first with their type, sentence, demo badge, read state and subject link', async () => {
    const maya = signedInUser();
    const { creator, campaign } = threeEvents(maya.id);
    renderApp('/inbox');

    const items = within(await screen.findByRole('list', { name: 'Events, newest first' })).getAllByRole('listitem');

    expect(items.map((item) => item.querySelector('p')?.textContent)).toEqual([
      'The data source paused until 14:00: its quota is spent.',
      '@mayabakes posted a video at 8× her median views.',
      '@mayabakes posted for Summer tee drop.',
    ]);
    const [paused, viral, post] = items as [HTMLElement, HTMLElement, HTMLElement];
    expect(paused).toHaveTextContent('Data source paused');
    expect(paused).toHaveTextContent('Unread');
    expect(within(paused).queryByRole('link')).not.toBeInTheDocument();
    expect(viral).toHaveTextContent('Viral video');
    expect(within(viral).getByText('demo')).toBeInTheDocument();
    expect(within(viral).getByRole('link', { name: 'View @mayabakes' })).toHaveAttribute(
      'href',
      `/creators/${creator.id}`,
    );
    expect(post).not.toHaveTextContent('Unread');
    expect(within(post).queryByText('demo')).not.toBeInTheDocument();
    expect(within(post).getByRole('link', { name: 'View campaign Summer tee drop' })).toHaveAttribute(
      'href',
      `/campaigns/${campaign.id}`,
    );
    expect(within(post).queryByRole('button', { name: /^Mark read/ })).not.toBeInTheDocument();
    expect(screen.getByText('3 events shown.')).toBeInTheDocument();
  });

  it('marks one event read, then all of them, and the bell follows', async () => {
    const maya = signedInUser();
    const { paused, viral } = threeEvents(maya.id);
    const { user } = renderApp('/inbox');
    await screen.findByRole('link', { name: /^Alerts,\s*2\s*unread$/ });

    await user.click(within(inbox()).getByRole('button', { name: `Mark read: ${paused.sentence}` }));

    expect(await screen.findByRole('link', { name: /^Alerts,\s*1\s*unread$/ })).toBeInTheDocument();
    expect(paused.readBy).toEqual([maya.id]);
    expect(within(inbox()).getAllByText('Unread')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Mark all read' }));

    await waitFor(() => expect(bell()).toHaveAccessibleName('Alerts'));
    expect(viral.readBy).toEqual([maya.id]);
    expect(within(inbox()).queryByText('Unread')).not.toBeInTheDocument();
    expect(await screen.findByText('Everything is marked read.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('marks an event read when its subject is opened', async () => {
    const maya = signedInUser();
    const { viral } = threeEvents(maya.id);
    const { user, router } = renderApp('/inbox');

    const events = await screen.findByRole('list', { name: 'Events, newest first' });
    await user.click(within(events).getByRole('link', { name: 'View @mayabakes' }));

    await waitFor(() => expect(viral.readBy).toEqual([maya.id]));
    // The creator's page is a chunk of its own: the address changes once it has loaded.
    await waitFor(() => expect(router.state.location.pathname).toBe(`/creators/${viral.subject.creator_id}`));
  });

  it('filters by type and to unread events, in the address', async () => {
    const maya = signedInUser();
    threeEvents(maya.id);
    const { user, router } = renderApp('/inbox');
    await screen.findByRole('list', { name: 'Events, newest first' });

    await user.selectOptions(screen.getByLabelText('Type'), 'Campaign post');

    await waitFor(() => expect(within(inbox()).getAllByRole('listitem')).toHaveLength(1));
    expect(inbox()).toHaveTextContent('@mayabakes posted for Summer tee drop.');
    expect(router.state.location.search).toBe('?type=campaign.post_detected');

    await user.click(screen.getByRole('checkbox', { name: 'Unread only' }));

    expect(await screen.findByRole('heading', { name: 'Nothing unread here' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?type=campaign.post_detected&unread=true');
  });

  it('loads more events after the first page', async () => {
    signedInUser();
    for (let day = 1; day <= 35; day += 1) {
      addEvent({ occurred_at: new Date(Date.UTC(2026, 9, day)).toISOString(), sentence: `News of day ${day}.` });
    }
    const { user } = renderApp('/inbox');
    await screen.findByRole('list', { name: 'Events, newest first' });
    expect(within(inbox()).getAllByRole('listitem')).toHaveLength(30);
    expect(screen.getByText('30 events shown, more to load.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more events' }));

    await waitFor(() => expect(within(inbox()).getAllByRole('listitem')).toHaveLength(35));
    expect(within(inbox()).getAllByRole('listitem').at(-1)).toHaveTextContent('News of day 1.');
    expect(screen.queryByRole('button', { name: 'Load more events' })).not.toBeInTheDocument();
  });

  it('explains what will appear, and where to choose it, while empty', async () => {
    signedInUser();
    renderApp('/inbox');

    expect(await screen.findByRole('heading', { name: 'Nothing to tell yet' })).toBeInTheDocument();
    expect(screen.getByText(/a video goes viral/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Settings → Alerts' })).toHaveAttribute('href', '/settings/alerts');
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
    expect(alertsDb.events).toHaveLength(0);
  });
});
