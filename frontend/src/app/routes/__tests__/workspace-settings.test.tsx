import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyticsDb } from '@/testing/mock-analytics';
import { signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('settings: target audience', () => {
  it('saves the target audience, tidied into the codes the server wants', async () => {
    signedInUser();
    const { user } = renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Target audience' });

    await user.type(within(form).getByLabelText('Countries'), 'us, gb');
    await user.type(within(form).getByLabelText('Languages'), 'EN');
    await user.click(within(form).getByLabelText('18-24'));
    await user.click(within(form).getByLabelText('Female'));
    await user.type(within(form).getByLabelText('Interests (hashtags)'), '#SkinCare gymtok');
    await user.click(within(form).getByRole('button', { name: 'Save target audience' }));

    expect(await within(form).findByText('Saved. Audience fit scores now use this target.')).toBeInTheDocument();
    expect(analyticsDb.target).toEqual({
      countries: ['US', 'GB'],
      languages: ['en'],
      age_bands: ['18-24'],
      genders: ['female'],
      interests: ['skincare', 'gymtok'],
    });
    expect(within(form).getByLabelText('Countries')).toHaveValue('US, GB');
  });

  it('shows what the server refused beside the field it concerns', async () => {
    signedInUser();
    const { user } = renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Target audience' });

    await user.type(within(form).getByLabelText('Countries'), 'US, USA');
    await user.click(within(form).getByRole('button', { name: 'Save target audience' }));

    const countries = within(form).getByLabelText('Countries');
    await screen.findByText(/“USA”: must be an ISO 3166-1 alpha-2 code/);
    expect(countries).toHaveAttribute('aria-invalid', 'true');
    expect(countries).toHaveAccessibleDescription(/“USA”: must be an ISO 3166-1 alpha-2 code in upper case/);
    // Shown at the field, so not repeated in an alert.
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains that only owners may change it', async () => {
    signedInUser();
    analyticsDb.role = 'viewer';
    const { user } = renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Target audience' });

    // The session says owner (the mock's workspaces are owned), but the server knows better.
    await user.click(within(form).getByRole('button', { name: 'Save target audience' }));

    expect(await within(form).findByText(/Only the workspace’s owners can change these settings/)).toBeInTheDocument();
  });
});

describe('settings: analytics assumptions', () => {
  it('loads the current assumptions and saves changes', async () => {
    signedInUser();
    const { user } = renderApp('/settings#analytics-assumptions');
    const form = await screen.findByRole('form', { name: 'Analytics assumptions' });
    expect(within(form).getByLabelText('Viral multiple')).toHaveValue(5);
    expect(within(form).getByLabelText('Currency')).toHaveValue('USD');

    await user.clear(within(form).getByLabelText('Viral multiple'));
    await user.type(within(form).getByLabelText('Viral multiple'), '4');
    await user.type(within(form).getByLabelText('Micro: lowest CPM'), '8');
    await user.type(within(form).getByLabelText('Micro: highest CPM'), '14');
    await user.type(within(form).getByLabelText('Average order value (optional)'), '45');
    await user.click(within(form).getByRole('button', { name: 'Save assumptions' }));

    expect(
      await within(form).findByText('Saved. Every creator’s analytics now use these assumptions.'),
    ).toBeInTheDocument();
    expect(analyticsDb.settings).toMatchObject({
      viral_multiple: 4,
      cpm_overrides: [{ tier: 'micro', low: 8, high: 14 }],
      returns: { average_order_value: 45, currency: 'USD' },
    });
  });

  it('puts each 422 message at its field, CPM rows included', async () => {
    signedInUser();
    const { user } = renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Analytics assumptions' });

    await user.clear(within(form).getByLabelText('Viral multiple'));
    await user.type(within(form).getByLabelText('Viral multiple'), '0.5');
    await user.type(within(form).getByLabelText('Mid: lowest CPM'), '12');
    await user.type(within(form).getByLabelText('Mid: highest CPM'), '6');
    await user.click(within(form).getByRole('button', { name: 'Save assumptions' }));

    const viral = within(form).getByLabelText('Viral multiple');
    await screen.findByText('must be a number above 1 and at most 1000');
    expect(viral).toHaveAttribute('aria-invalid', 'true');
    expect(viral).toHaveAccessibleDescription(/must be a number above 1 and at most 1000/);
    expect(within(form).getByLabelText('Mid: highest CPM')).toHaveAccessibleDescription('must not be below low');
    expect(analyticsDb.settings.viral_multiple).toBe(5);
  });

  it('takes the rates in percent and sends them as the shares the API wants', async () => {
    signedInUser();
    const { user } = renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Analytics assumptions' });
    const clickThrough = within(form).getByLabelText('Click-through rate (%)');
    expect(clickThrough).toHaveValue(1);
    expect(within(form).getByLabelText('Conversion rate (%)')).toHaveValue(2);

    await user.clear(clickThrough);
    await user.type(clickThrough, '150');
    await user.click(within(form).getByRole('button', { name: 'Save assumptions' }));
    expect(clickThrough).toHaveAccessibleDescription(/Enter a percentage from 0 to 100\./);
    expect(analyticsDb.settings.returns.click_through_rate).toBe(0.01);

    await user.clear(clickThrough);
    await user.type(clickThrough, '1.5');
    await user.click(within(form).getByRole('button', { name: 'Save assumptions' }));

    expect(
      await within(form).findByText('Saved. Every creator’s analytics now use these assumptions.'),
    ).toBeInTheDocument();
    expect(analyticsDb.settings.returns).toMatchObject({ click_through_rate: 0.015, conversion_rate: 0.02 });
    expect(clickThrough).toHaveValue(1.5);
  });

  it('shows each tier’s default CPM where no override is set', async () => {
    signedInUser();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Analytics assumptions' });

    expect(within(form).getByLabelText('Nano: lowest CPM')).toHaveAttribute('placeholder', '6');
    expect(within(form).getByLabelText('Nano: highest CPM')).toHaveAttribute('placeholder', '8');
    expect(within(form).getByLabelText('Micro: highest CPM')).toHaveAttribute('placeholder', '8–10');
    expect(within(form).getByLabelText('Mega: highest CPM')).toHaveAttribute('placeholder', '20');
  });

  it('asks for a number before sending an empty field', async () => {
    signedInUser();
    const { user } = renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Analytics assumptions' });

    await user.clear(within(form).getByLabelText('Product cost'));
    await user.type(within(form).getByLabelText('Nano: lowest CPM'), '5');
    await user.click(within(form).getByRole('button', { name: 'Save assumptions' }));

    expect(within(form).getByLabelText('Product cost')).toHaveAccessibleDescription(/Enter a number\./);
    expect(within(form).getByLabelText('Nano: highest CPM')).toHaveAccessibleDescription('Enter a number.');
  });

  it('lists both new sections in the settings contents', async () => {
    signedInUser();
    renderApp('/settings');

    const contents = await screen.findByRole('navigation', { name: 'Settings sections' });
    expect(within(contents).getByRole('link', { name: 'Target audience' })).toHaveAttribute('href', '#target-audience');
    expect(within(contents).getByRole('link', { name: 'Analytics assumptions' })).toHaveAttribute(
      'href',
      '#analytics-assumptions',
    );
    expect(section('Analytics assumptions')).toBeInTheDocument();
  });
});
