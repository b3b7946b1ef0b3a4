import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSource, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

function sourceSection(): HTMLElement {
  return screen.getByRole('region', { name: 'Data source' });
}

function valueOf(term: string): HTMLElement {
  return within(sourceSection()).getByText(term, { selector: 'dt' }).nextElementSibling as HTMLElement;
}

describe('settings page', () => {
  it('shows the data source, its capabilities and its health', async () => {
    signedInUser();
    setSource('tikapi', {
      capabilities: {
        profile: true,
        videos: true,
        hashtag_videos: true,
        user_search: false,
        comments: false,
        audience: false,
      },
      last_success_at: '2026-11-20T11:55:00Z',
      last_error: 'quota exhausted',
      last_error_at: '2026-11-20T10:00:00Z',
      breaker: 'half_open',
    });
    const { user } = renderApp('/lists');

    await user.click(await screen.findByRole('link', { name: 'Settings' }));

    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 })).toBeInTheDocument();
    expect(await within(sourceSection()).findByText('TikAPI')).toBeInTheDocument();
    const capabilities = within(sourceSection()).getByRole('list', { name: 'What the source can do' });
    expect(
      within(capabilities)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      '✓ Creator profiles and counts: available',
      '✓ Creator videos: available',
      '✓ Videos under a hashtag: available',
      '✗ Creator search for the add box: not available',
      '✗ Comments, for audience estimates: not available',
      '✗ Audience countries, as the provider reports them: not available',
    ]);
    expect(valueOf('Last success')).toHaveTextContent('20 Nov 2026');
    expect(valueOf('Last error')).toHaveTextContent('quota exhausted');
    expect(valueOf('Paused until')).toHaveTextContent('Not paused');
    expect(valueOf('Paused after repeated failures')).toHaveTextContent(
      'Trying again One test call decides whether calls resume.',
    );
    expect(sourceSection()).not.toHaveTextContent(/circuit breaker|half-open/i);
    expect(valueOf('Refresh schedule')).toHaveTextContent(
      '2 creators every 6 hours: rising, so checked sooner5 creators every 24 hours: the regular schedule',
    );
    expect(valueOf('Daily budget')).toHaveTextContent('None set: only the provider limits requests.');
    expect(screen.getByRole('navigation', { name: 'Settings sections' })).toHaveTextContent('Data source');
  });

  it('explains running without a source', async () => {
    signedInUser();
    setSource('none');
    renderApp('/settings');
    await screen.findByRole('region', { name: 'Data source' });

    expect(await within(sourceSection()).findByText('No source')).toBeInTheDocument();
    expect(within(sourceSection()).getByText(/No source: data comes from imports and the API\./)).toBeInTheDocument();
    expect(valueOf('Last success')).toHaveTextContent('Never');
    expect(valueOf('Paused after repeated failures')).toHaveTextContent(
      'No refresh worker runs in this server process.',
    );
  });

  it('warns while calls to the source are paused, and labels the demo source', async () => {
    signedInUser();
    setSource('demo', { paused_until: '2999-01-01T00:00:00Z', pause_reason: 'The monthly quota is used up' });
    renderApp('/settings');

    expect(await screen.findByText('Calls to the source are paused')).toBeInTheDocument();
    expect(valueOf('Paused until')).toHaveTextContent('The monthly quota is used up');
    expect(within(sourceSection()).getByText('Demo data')).toBeInTheDocument();
  });

  it('weighs the daily request budget against what the tracked creators need', async () => {
    signedInUser();
    setSource('scrapecreators', {
      cadence: [{ reason: 'dormant', creators: 1, every_hours: 72 }],
      budget: { daily_requests: 1000, used_today: 412, needed_per_day: 1350, short: true },
    });
    renderApp('/settings');
    await screen.findByRole('region', { name: 'Data source' });

    expect(await within(sourceSection()).findByText(/every 3 days/)).toBeInTheDocument();
    expect(valueOf('Refresh schedule')).toHaveTextContent('1 creator every 3 days: no video in 30 days');
    expect(valueOf('Daily budget')).toHaveTextContent(
      '412 of 1,000 requests used today (UTC). The tracked creators need about 1,350 a day.',
    );
    expect(valueOf('Daily budget')).toHaveTextContent('The budget is smaller than the tracked creators need.');
  });
});
