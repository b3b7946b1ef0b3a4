import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/lib/api/schema';
import { analyticsDb } from '@/testing/mock-analytics';
import {
  addCampaign,
  addEntry,
  campaignsDb,
  defaultReport,
  measure,
  type MockCampaign,
} from '@/testing/mock-campaigns';
import { addCreator, addTeam, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A campaign halfway through: some numbers known, some not yet, one order in euros. */
function reportOf(campaign: MockCampaign): components['schemas']['CampaignReportResponse'] {
  const report = defaultReport(campaign);
  const [maya, lee] = report.creators;
  return {
    ...report,
    totals: {
      ...report.totals,
      creators: 2,
      shipped: 2,
      posted: 1,
      posts: 2,
      cost: { product: 24, shipping: 12, fees: 150, total: 186 },
      views: 24_800,
      engagements: 1_904,
      orders: 3,
      revenue: 135,
      post_rate: measure(50, 'percent', 'campaign.post_rate.v1', { sample_size: 2 }),
      median_days_to_post: measure(4.5, 'count', 'campaign.days_to_post.median.v1', { sample_size: 1 }),
      cost_per_post: measure(93, 'money', 'campaign.cost_per_post.v1'),
      cost_per_thousand_views: measure(7.5, 'money', 'campaign.cpm.v1'),
      cost_per_engagement: measure(0.0977, 'money', 'campaign.cpe.v1'),
      cost_per_order: measure(62, 'money', 'campaign.cost_per_order.v1'),
      roas: measure(null, 'ratio', 'campaign.roas.v1', { unavailable: 'not_enough_data', sample_size: 3 }),
      other_currencies: [{ currency: 'EUR', orders: 2, revenue: 80 }],
    },
    creators: [
      {
        ...maya!,
        actual: {
          ...maya!.actual,
          cost: 93,
          posts: 2,
          views: 24_800,
          orders: 3,
          revenue: 135,
          roas: measure(1.45, 'ratio', 'campaign.roas.v1'),
        },
        estimate: {
          expected_views: 12_400,
          expected_orders: 2.5,
          fair_price_low: 120,
          fair_price_high: 240,
          currency: 'USD',
          sample_size: 30,
          computed_at: '2026-11-02T09:00:00Z',
        },
      },
      { ...lee!, actual: { ...lee!.actual, cost: 93 }, estimate: null },
    ],
    proposals: {
      click_through_rate: {
        current: 0.01,
        proposed: measure(0.0123, 'share', 'campaign.click_through_rate.v1', { sample_size: 2 }),
      },
      conversion_rate: {
        current: 0.02,
        proposed: measure(0.035, 'share', 'campaign.conversion_rate.v1', { sample_size: 3 }),
      },
      average_order_value: {
        current: null,
        proposed: measure(null, 'money', 'campaign.average_order_value.v1', { unavailable: 'not_enough_data' }),
      },
    },
  };
}

function reportedCampaign() {
  const campaign = addCampaign({ name: 'Summer tee drop' });
  addEntry(campaign, addCreator('mayabakes'), { stage: 'posted', posts: 2 });
  addEntry(campaign, addCreator('liftwithlee'), { stage: 'delivered' });
  campaignsDb.reports[campaign.id] = reportOf(campaign);
  return campaign;
}

function tile(label: string): HTMLElement {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('campaign report', () => {
  it('shows the totals, and the reason where a number cannot be given yet', async () => {
    signedInUser();
    const campaign = reportedCampaign();
    renderApp(`/campaigns/${campaign.id}?view=report`);

    await screen.findByRole('heading', { name: 'Report', level: 2 });
    expect(tile('Total cost')).toHaveTextContent('$186.00');
    expect(tile('Fees')).toHaveTextContent('$150.00');
    expect(tile('Post rate')).toHaveTextContent('50.0%');
    expect(tile('Median days to post')).toHaveTextContent('4.5 days');
    expect(tile('Views')).toHaveTextContent('24.8K');
    expect(tile('Cost per 1,000 views')).toHaveTextContent('$7.50');
    expect(tile('Cost per engagement')).toHaveTextContent('$0.098');
    expect(tile('Revenue')).toHaveTextContent('$135.00');
    expect(tile('Return on ad spend (ROAS)')).toHaveTextContent('— (not enough data yet for an honest number)');
  });

  it('says what a number means, with its sample size, on hover', async () => {
    signedInUser();
    const campaign = reportedCampaign();
    const { user } = renderApp(`/campaigns/${campaign.id}?view=report`);
    await screen.findByRole('heading', { name: 'Report', level: 2 });

    await user.hover(within(tile('Post rate')).getByText('50.0%'));

    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('Of the creators you shipped the product to, the share who posted about it.');
    expect(tooltip).toHaveTextContent('Sample size: 2');
    expect(screen.getByText('How is this computed?')).toBeInTheDocument();
  });

  it('lists revenue in other currencies apart, never added in', async () => {
    signedInUser();
    const campaign = reportedCampaign();
    renderApp(`/campaigns/${campaign.id}?view=report`);

    const others = await screen.findByRole('list', { name: 'Revenue in other currencies' });
    expect(others).toHaveTextContent('€80.00 from 2 orders');
    expect(tile('Revenue')).toHaveTextContent('$135.00');
  });

  it('puts each creator’s estimate beside what happened', async () => {
    signedInUser();
    const campaign = reportedCampaign();
    renderApp(`/campaigns/${campaign.id}?view=report`);

    const table = await screen.findByRole('table', { name: /the estimate made when they joined/ });
    const cells = (handle: string) =>
      within(within(table).getByRole('row', { name: new RegExp(handle) }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells('@mayabakes')).toEqual([
      'Posted',
      '$93.00',
      '$120–$240',
      '2',
      '12.4K',
      '24.8K2.0× expected',
      '2.5',
      '31.2× expected',
      '$135.00',
      '—',
      '1.5×',
    ]);
    expect(cells('@liftwithlee').slice(2, 8)).toEqual([
      '— (no estimate: too little history when they joined)',
      '0',
      '— (no estimate: too little history when they joined)',
      '0',
      '— (no estimate: too little history when they joined)',
      '0',
    ]);
  });

  it('lets an owner put the measured rates into the analytics assumptions, changing nothing else', async () => {
    signedInUser();
    analyticsDb.settings.returns.product_cost = 14;
    const campaign = reportedCampaign();
    const { user } = renderApp(`/campaigns/${campaign.id}?view=report`);

    const proposals = await screen.findByRole('table', { name: 'Your assumptions against this campaign’s results' });
    const row = (name: string) =>
      within(within(proposals).getByRole('row', { name: new RegExp(`^${name}`) }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(row('Click-through rate')).toEqual(['1%', '1.23%', '2']);
    expect(row('Conversion rate')).toEqual(['2%', '3.5%', '3']);
    expect(row('Average order value')).toEqual(['not set in USD', '— (not enough data yet for an honest number)', '0']);

    await user.click(screen.getByRole('button', { name: 'Use these values' }));

    expect(await screen.findByText(/Saved in Settings → Analytics assumptions/)).toBeInTheDocument();
    expect(analyticsDb.settings.returns).toEqual({
      product_cost: 14,
      shipping_cost: 5,
      click_through_rate: 0.0123,
      conversion_rate: 0.035,
      average_order_value: null,
      currency: 'USD',
    });
  });

  it('gives an editor the proposals without the button that changes the settings', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'editor');
    const campaign = reportedCampaign();
    campaign.workspace_id = team.id;
    renderApp(`/campaigns/${campaign.id}?view=report`, { workspaceId: team.id });

    await screen.findByRole('table', { name: 'Your assumptions against this campaign’s results' });
    expect(screen.queryByRole('button', { name: 'Use these values' })).not.toBeInTheDocument();
  });

  it('downloads the report as CSV', async () => {
    signedInUser();
    const campaign = reportedCampaign();
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:report');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user } = renderApp(`/campaigns/${campaign.id}?view=report`);

    await user.click(await screen.findByRole('button', { name: 'Download report CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('summer-tee-drop-report.csv');
  });
});

describe('sharing a campaign report', () => {
  it('makes a link whose page shows the report to a visitor without an account', async () => {
    signedInUser();
    const campaign = reportedCampaign();
    const { user, unmount } = renderApp(`/campaigns/${campaign.id}`);

    await user.click(await screen.findByRole('button', { name: 'Share report' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share “Summer tee drop”' });
    expect(dialog).toHaveTextContent('not contacts, tracking links, order ids or discount codes');
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    const secret = await within(dialog).findByRole('region', { name: 'Share link' });
    const url = within(secret).getByRole('textbox').getAttribute('value') ?? '';
    expect(url).toMatch(/\/share\/campaign#zzs_c/);
    expect(await within(dialog).findByRole('table', { name: 'Links to this report, newest first' })).toHaveTextContent(
      'Active',
    );
    unmount();

    renderApp(`/share/campaign${url.slice(url.indexOf('#'))}`);

    expect(await screen.findByRole('heading', { name: 'Summer tee drop', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Shared campaign report · read-only')).toBeInTheDocument();
    expect(tile('Total cost')).toHaveTextContent('$186.00');
    expect(screen.queryByRole('button', { name: 'Use these values' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /All campaigns/ })).not.toBeInTheDocument();
  });

  it('says so when the link does not work', async () => {
    renderApp('/share/campaign#zzs_nothing');

    expect(await screen.findByRole('heading', { name: 'This link does not work', level: 1 })).toBeInTheDocument();
  });
});
