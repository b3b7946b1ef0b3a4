import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alertsDb } from '@/testing/mock-alerts';
import { addCampaign } from '@/testing/mock-campaigns';
import { addList, addTeam, personalWorkspaceOf, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';

describe('settings: alert rules', () => {
  it('saves the types, the lists and campaigns they concern, and the thresholds', async () => {
    const maya = signedInUser();
    const list = addList({ name: 'Spring drop' });
    addList({ name: 'Autumn ideas' });
    addCampaign({ name: 'Summer tee drop' });
    const { user } = renderApp('/settings/alerts');
    const form = await screen.findByRole('form', { name: 'Alert rules' });
    expect(within(form).getByLabelText('Follower milestones')).toHaveValue(
      '10K, 25K, 50K, 100K, 250K, 500K, 1M, 2.5M, 5M, 10M',
    );
    expect(within(form).getByRole('checkbox', { name: /^Dormant creator/ })).toHaveAccessibleName(
      /A creator posts no new video for the dormant days/,
    );

    await user.click(within(form).getByRole('checkbox', { name: /^Dormant creator/ }));
    await user.click(within(form).getByRole('radio', { name: 'Only creators in these lists' }));
    await user.click(await within(form).findByRole('checkbox', { name: 'Spring drop' }));
    await user.type(within(form).getByLabelText('Viral multiple'), '8');
    await user.clear(within(form).getByLabelText('Dormant after (days)'));
    await user.type(within(form).getByLabelText('Dormant after (days)'), '60');
    await user.clear(within(form).getByLabelText('Follower milestones'));
    await user.type(within(form).getByLabelText('Follower milestones'), '1m, 50k 100000');
    await user.click(within(form).getByRole('button', { name: 'Save alert rules' }));

    expect(await within(form).findByText('Saved. New events follow these rules.')).toBeInTheDocument();
    const rules = alertsDb.rules[personalWorkspaceOf(maya).id];
    expect(rules).toMatchObject({
      list_ids: [list.id],
      campaign_ids: null,
      viral_multiple: 8,
      viral_min_views: 10_000,
      milestones: [50_000, 100_000, 1_000_000],
      dormant_days: 60,
    });
    expect(rules?.events).not.toContain('creator.dormant');
    expect(rules?.events).toHaveLength(9);
    expect(within(form).getByLabelText('Follower milestones')).toHaveValue('50K, 100K, 1M');
  });

  it('shows the server’s objection at the field it concerns', async () => {
    const maya = signedInUser();
    const { user } = renderApp('/settings/alerts');
    const form = await screen.findByRole('form', { name: 'Alert rules' });

    await user.clear(within(form).getByLabelText('Dormant after (days)'));
    await user.type(within(form).getByLabelText('Dormant after (days)'), '3');
    await user.click(within(form).getByRole('button', { name: 'Save alert rules' }));

    const dormant = within(form).getByLabelText('Dormant after (days)');
    expect(await within(form).findByText('must be between 7 and 365')).toBeInTheDocument();
    expect(dormant).toHaveAttribute('aria-invalid', 'true');
    expect(dormant).toHaveAccessibleDescription(/must be between 7 and 365/);
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    expect(alertsDb.rules[personalWorkspaceOf(maya).id]).toBeUndefined();
  });

  it('asks for follower counts it can read before sending', async () => {
    signedInUser();
    const { user } = renderApp('/settings/alerts');
    const form = await screen.findByRole('form', { name: 'Alert rules' });

    await user.clear(within(form).getByLabelText('Follower milestones'));
    await user.type(within(form).getByLabelText('Follower milestones'), '10K, lots');
    await user.click(within(form).getByRole('button', { name: 'Save alert rules' }));

    expect(within(form).getByLabelText('Follower milestones')).toHaveAccessibleDescription(
      /“lots” is not a follower count/,
    );
    expect(Object.keys(alertsDb.rules)).toHaveLength(0);
  });

  it('lets a viewer read the rules but not change them', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'viewer');
    renderApp('/settings/alerts', { workspaceId: team.id });
    const form = await screen.findByRole('form', { name: 'Alert rules' });

    expect(form).toHaveTextContent('Only the workspace’s owners and editors can change the alert rules.');
    expect(within(form).getByRole('checkbox', { name: /^Viral video/ })).toBeDisabled();
    expect(within(form).getByLabelText('Dormant after (days)')).toBeDisabled();
    expect(within(form).getByRole('button', { name: 'Save alert rules' })).toBeDisabled();
    // The digest is their own, whatever their role.
    const digest = screen.getByRole('form', { name: 'Your e-mail digest' });
    expect(within(digest).getByRole('button', { name: 'Save digest' })).toBeEnabled();
  });
});

describe('settings: your e-mail digest', () => {
  it('saves the choice of daily, weekly or none', async () => {
    const maya = signedInUser();
    const { user } = renderApp('/settings/alerts');
    const form = await screen.findByRole('form', { name: 'Your e-mail digest' });
    expect(within(form).getByRole('radio', { name: /^Off/ })).toBeChecked();
    expect(form).not.toHaveTextContent('ZZYZX_SMTP_URL');

    await user.click(within(form).getByRole('radio', { name: /^Weekly/ }));
    await user.click(within(form).getByRole('button', { name: 'Save digest' }));

    expect(await within(form).findByText('Saved. Your weekly digest starts now.')).toBeInTheDocument();
    expect(alertsDb.digests[`${personalWorkspaceOf(maya).id}/${maya.id}`]).toBe('weekly');
  });

  it('says nothing will be sent when the server has no SMTP', async () => {
    signedInUser();
    alertsDb.emailConfigured = false;
    renderApp('/settings/alerts');

    const form = await screen.findByRole('form', { name: 'Your e-mail digest' });

    expect(form).toHaveTextContent(/This server cannot send e-mail.*ZZYZX_SMTP_URL.*no digest will be sent/);
  });

  it('is a tab of the settings for every member', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'viewer');
    const { user } = renderApp('/settings', { workspaceId: team.id });
    const tabs = await screen.findByRole('navigation', { name: 'Settings pages' });

    await user.click(within(tabs).getByRole('link', { name: 'Alerts' }));

    expect(await screen.findByRole('region', { name: 'Alert rules' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Your e-mail digest' })).toBeInTheDocument();
  });
});
