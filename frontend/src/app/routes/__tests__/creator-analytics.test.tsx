import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyticsDb, analyticsFor, measure } from '@/testing/mock-analytics';
import { http } from '@/testing/mock-api';
import { addCreator, addDailyHistory, addVideo, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

function creatorWithVideos() {
  signedInUser();
  const creator = addCreator('mayabakes', { display_name: 'Maya Bakes' });
  addDailyHistory(creator, { start: '2026-10-11T00:00:00Z', days: 40, followers: 1000, gain: 50 });
  for (const views of [1000, 2000, 3000]) addVideo(creator, { views, likes: views / 10, comments: 0, shares: 0 });
  return creator;
}

function panel(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('creator analytics', () => {
  it('says what each number means in plain words on hover, with the formula one click away', async () => {
    const creator = creatorWithVideos();
    const { user } = renderApp(`/creators/${creator.id}`);

    await screen.findByRole('heading', { name: 'Analytics', level: 2 });
    const engagement = await screen.findByRole('region', { name: 'Engagement' });
    // median(likes + comments + shares) 200 ÷ median views 2,000.
    const [byViews] = within(engagement).getAllByText('10.0%');
    expect(within(engagement).getAllByText('median, last 30 videos (3 videos)')).toHaveLength(2);

    await user.hover(byViews as HTMLElement);

    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('How many viewers like, comment or share a typical video');
    expect(tooltip).toHaveTextContent('Window: last 30 videos');
    expect(tooltip).toHaveTextContent('Sample size: 3');
    expect(tooltip).not.toHaveTextContent('÷');
    expect(tooltip).not.toHaveTextContent('engagement.views.median.v1');

    const details = within(engagement).getByText('How is this computed?');
    expect(within(engagement).getByText(/^median\(likes \+ comments \+ shares\) ÷ median\(views\)/)).not.toBeVisible();
    await user.click(details);
    expect(
      within(engagement).getByText(
        'median(likes + comments + shares) ÷ median(views) × 100 over the last 30 videos with views',
      ),
    ).toBeVisible();
    expect(within(engagement).getByText('Formula engagement.views.median.v1')).toBeVisible();
  });

  it('shows the tier assumption and the rate card’s source as the server words them', async () => {
    const creator = creatorWithVideos();
    const analytics = analyticsFor(creator);
    analytics.fair_price = {
      ...analytics.fair_price,
      assumptions: [{ name: 'tier', value: 'Nano (1K–10K followers)', source: 'reference' }],
      rate_card: {
        source: 'sponsorrate-com.pages.dev/blog/tiktok-rates',
        band: 'under 10K',
        low: 20,
        high: 75,
        currency: 'USD',
      },
    };
    server.use(
      http.get('/api/v1/creators/{creator_id}/analytics', ({ response }) =>
        response(200).json({ creator_id: creator.id, computed_at: analytics.computed_at, analytics, videos: [] }),
      ),
    );
    renderApp(`/creators/${creator.id}`);

    const price = await screen.findByRole('region', { name: 'Tier and fair price' });
    const assumptions = within(price).getByRole('list', { name: 'Assumptions behind the fair price' });
    expect(assumptions).toHaveTextContent('tier: Nano (1K–10K followers)');
    expect(price.querySelector('[title*="blog"]')).toBeNull();
    expect(within(price).getByText(/^Rate card: the per-post prices/)).toHaveTextContent(
      'from sponsorrate-com.pages.dev/blog/tiktok-rates.',
    );
  });

  it('rounds the fair price and says why it differs from the rate card', async () => {
    const creator = creatorWithVideos();
    const analytics = analyticsFor(creator);
    const fair = analytics.fair_price;
    analytics.fair_price = {
      ...fair,
      expected_views: { ...fair.expected_views, value: 44_158, unavailable: null },
      cpm: { low: 6, high: 12 },
      price: { ...fair.price, value: { low: 264.95, high: 529.9 }, unavailable: null },
      rate_card: { source: 'a published rate card', band: '50K–500K', low: 350, high: 3_000, currency: 'USD' },
    };
    server.use(
      http.get('/api/v1/creators/{creator_id}/analytics', ({ response }) =>
        response(200).json({ creator_id: creator.id, computed_at: analytics.computed_at, analytics, videos: [] }),
      ),
    );
    renderApp(`/creators/${creator.id}`);

    const price = await screen.findByRole('region', { name: 'Tier and fair price' });
    expect(within(price).getByText('$260–$530')).toBeInTheDocument();
    expect(price).not.toHaveTextContent('264.95');
    expect(within(price).getByText('Rate card for 50K–500K').nextElementSibling).toHaveTextContent('$350–$3,000');
    expect(price).toHaveTextContent(
      'Fair price = this creator’s expected views (44,158) × the CPM for creators of their size ($6.00–$12.00 per 1,000 views). ' +
        'The rate card is what creators with 50K–500K followers typically ask per post, whatever their views, so the two can differ.',
    );
  });

  it('shows the outlier videos by caption and cover, linking to TikTok, never by raw id', async () => {
    const creator = creatorWithVideos();
    const known = addVideo(creator, {
      description: 'sourdough in 60 seconds',
      cover_url: 'https://cdn.example/cover.jpg',
      posted_at: '2026-11-12T09:00:00Z',
      views: 9_000,
    });
    const analytics = analyticsFor(creator);
    const multiple = measure(4.5, 'outlier.multiple.v1', 'views ÷ median views', { unit: 'ratio' });
    const outlier = {
      multiple,
      views_per_follower: measure(3, 'outlier.views_per_follower.v1', 'views ÷ followers', { unit: 'ratio' }),
      engagement_rate: measure(10, 'engagement.video.v1', '(likes + comments + shares) ÷ views', { unit: 'percent' }),
      provisional: false,
      viral: false,
      base_median_views: 2_000,
    };
    analytics.outliers = {
      ...analytics.outliers,
      unavailable: null,
      videos: [
        { ...outlier, video_id: known.id, posted_at: known.posted_at, views: 9_000 },
        { ...outlier, video_id: '7499999999999999999', posted_at: '2026-08-01T09:00:00Z', views: 8_000 },
      ],
    };
    server.use(
      http.get('/api/v1/creators/{creator_id}/analytics', ({ response }) =>
        response(200).json({ creator_id: creator.id, computed_at: analytics.computed_at, analytics, videos: [known] }),
      ),
    );
    renderApp(`/creators/${creator.id}`);

    const panel = await screen.findByRole('region', { name: 'Outlier videos' });
    const table = within(panel).getByRole('table', { name: 'Recent videos by outlier multiple, highest first' });
    const link = await within(table).findByRole('link', { name: /^sourdough in 60 seconds/ });
    expect(link).toHaveAttribute('href', known.share_url);
    expect(link.closest('td')?.querySelector('img')).toHaveAttribute('src', 'https://cdn.example/cover.jpg');
    // A video the server did not send (it is not stored) still reads as a day, not as an id.
    expect(within(table).getByRole('link', { name: /^Video of 1 Aug 2026/ })).toHaveAttribute(
      'href',
      'https://www.tiktok.com/@mayabakes/video/7499999999999999999',
    );
    expect(table).not.toHaveTextContent(known.id);
    expect(table).not.toHaveTextContent('7499999999999999999');
  });

  it('shows growth by window and says why a window has no value', async () => {
    const creator = creatorWithVideos();
    renderApp(`/creators/${creator.id}`);

    const growth = await screen.findByRole('region', { name: 'Growth' });
    const table = within(growth).getByRole('table', { name: 'Followers growth by window' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').firstChild?.textContent)).toEqual([
      '1 day',
      '7 days',
      '30 days',
      '90 days',
      '1 year',
    ]);
    expect(rows[1]).toHaveTextContent('since 12 Nov 2026');
    expect(rows[1]).toHaveTextContent('+350');
    expect(rows[1]).toHaveTextContent('+13.5%');
    expect(rows[1]).toHaveTextContent('+50 a day');
    expect(rows[3]).toHaveTextContent('— not enough history for this window');
  });

  it('says the audience fit is unknown without audience data, apart from the content signal', async () => {
    const creator = creatorWithVideos();
    renderApp(`/creators/${creator.id}`);

    const fit = await screen.findByRole('region', { name: 'Audience fit' });
    expect(fit).toHaveTextContent('unknown: no audience data');
    const content = within(fit).getByRole('region', { name: 'Content signal' });
    expect(content).toHaveTextContent("Content signal: from the creator's videos, not audience data.");
    expect(content).toHaveTextContent('unknown: no target audience set in Settings');
  });

  it('shows the projection milestone in words and warns when a spike drives it', async () => {
    const creator = creatorWithVideos();
    const analytics = analyticsFor(creator);
    const gain = measure(50, 'projection.linear.v1', 'gain = (F(T) − F(T − 30)) ÷ 30 days', {
      unit: 'per_day',
      window_days: 30,
      sample_size: 31,
    });
    analytics.projection = {
      ...analytics.projection,
      unavailable: null,
      horizon_days: 2,
      history_days: 39,
      current: 2950,
      linear_daily_gain: gain,
      weighted_daily_gain: { ...gain, formula: 'projection.weighted.v1' },
      driven_by_spike: true,
      largest_day: { date: '2026-11-02', gain: 900, net_gain: 1500, share_of_net: 0.6 },
      points: [
        { date: '2026-11-20', days_ahead: 1, mid: 3000, low: 2900, high: 3100, weighted: 3000 },
        { date: '2026-11-21', days_ahead: 2, mid: 3050, low: 2920, high: 3180, weighted: 3050 },
      ],
      milestone: { ...analytics.projection.milestone, goal: 5000, reachable: true, days: 41, date: '2026-12-30' },
      milestone_weighted: { ...analytics.projection.milestone, goal: 5000, reachable: false },
    };
    server.use(
      http.get('/api/v1/creators/{creator_id}/analytics', ({ response }) =>
        response(200).json({ creator_id: creator.id, computed_at: analytics.computed_at, analytics, videos: [] }),
      ),
    );
    renderApp(`/creators/${creator.id}`);

    const projection = await screen.findByRole('region', { name: 'Projection' });
    expect(projection).toHaveTextContent('At the 30-day pace: ~5K in about 41 days (30 Dec 2026)');
    expect(projection).toHaveTextContent('At the recent-weighted pace: ~5K: not reached at the current pace');
    expect(projection).toHaveTextContent('Driven by a spike.');
    expect(projection).toHaveTextContent('The biggest day (+900 on 2 Nov 2026) made 60% of the 30-day gain');
    expect(
      within(projection).getByRole('img', { name: /^Follower projection: 2,950 now; 3,050 in 2 days/ }),
    ).toBeInTheDocument();
  });

  it('records an audience profile by hand, with the server’s objections at the field', async () => {
    const creator = creatorWithVideos();
    analyticsDb.fit[creator.id] = 64;
    const { user } = renderApp(`/creators/${creator.id}`);
    const audience = await screen.findByRole('region', { name: 'Audience' });
    expect(await within(audience).findByText(/^No audience data yet/)).toBeInTheDocument();

    await user.click(within(audience).getByRole('button', { name: 'Record audience' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record an audience profile' });
    await user.type(within(dialog).getByLabelText('Countries'), 'us 60%');
    await user.type(within(dialog).getByLabelText('Sample size (optional)'), '400');
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));

    expect(await within(dialog).findByText('us: is not an ISO 3166-1 alpha-2 code in upper case')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Countries')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(within(dialog).getByLabelText('Countries'));
    await user.type(within(dialog).getByLabelText('Countries'), 'US 60%, GB 20%');
    await user.type(within(dialog).getByLabelText('Genders'), 'female 0.7');
    await user.click(within(dialog).getByRole('button', { name: 'Save profile' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const profiles = await within(audience).findByRole('list', { name: 'Audience profiles, newest first' });
    expect(profiles).toHaveTextContent('Used for fithand-entered, 400 sampled');
    expect(profiles).toHaveTextContent('Countries:US 60%, GB 20%');
    expect(profiles).toHaveTextContent('Genders:female 70%');
    expect(await within(panel('Audience fit')).findByText('64')).toBeInTheDocument();
  });

  it('shows an estimated fit as an estimate', async () => {
    const creator = creatorWithVideos();
    analyticsDb.fit[creator.id] = 72;
    analyticsDb.fitKind[creator.id] = 'estimated';
    analyticsDb.fitInterval[creator.id] = { low: 61, high: 82 };
    renderApp(`/creators/${creator.id}`);

    const fit = await screen.findByRole('region', { name: 'Audience fit' });
    expect(await within(fit).findByText('≈72')).toBeInTheDocument();
    expect(fit).toHaveTextContent('/ 100, an estimate');
    expect(within(fit).getByText('95% interval 61–82')).toBeInTheDocument();
    expect(fit).toHaveTextContent('From estimated audience data');
  });

  it('shows no interval for a fit that is not read from a sample', async () => {
    const creator = creatorWithVideos();
    analyticsDb.fit[creator.id] = 64;
    renderApp(`/creators/${creator.id}`);

    const fit = await screen.findByRole('region', { name: 'Audience fit' });
    expect(await within(fit).findByText('64')).toBeInTheDocument();
    expect(within(fit).queryByText(/95% interval/)).not.toBeInTheDocument();
  });

  it('imports audience profiles from CSV and lists the refused lines', async () => {
    const creator = creatorWithVideos();
    const { user } = renderApp(`/creators/${creator.id}`);
    const audience = await screen.findByRole('region', { name: 'Audience' });

    await user.click(within(audience).getByRole('button', { name: 'Import audience CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import audience profiles' });
    await user.type(
      within(dialog).getByLabelText('Or paste the CSV here'),
      'handle,captured_at,sample_size,dimension,key,share\nmayabakes,2026-11-01,500,country,US,0.6\nstranger,2026-11-01,500,country,US,0.5',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    const rejected = await within(dialog).findByRole('table', { name: 'Rejected lines' });
    expect(within(rejected).getAllByRole('row')[1]).toHaveTextContent(
      '3@stranger is not a creator this workspace knows; add it to a list first',
    );

    await user.click(within(dialog).getByLabelText('Import the good lines, and list the bad ones'));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    expect(await within(dialog).findByText('Wrote 1 profile, rejected 1 lines.')).toBeInTheDocument();
  });
});
