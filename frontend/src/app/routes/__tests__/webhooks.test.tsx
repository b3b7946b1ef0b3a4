import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { http } from '@/testing/mock-api';
import { addDelivery, addWebhook, alertsDb } from '@/testing/mock-alerts';
import { addTeam, personalWorkspaceOf, signedInUser } from '@/testing/mock-db';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

function endpoint(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('settings: webhooks (owner)', () => {
  it('creates an endpoint and shows its signing secret once, with how to check signatures', async () => {
    signedInUser();
    const { user } = renderApp('/settings/webhooks');
    await screen.findByRole('heading', { name: 'No webhook endpoints yet' });

    await user.click(screen.getByRole('button', { name: 'New endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'New webhook endpoint' });
    await user.type(within(dialog).getByLabelText('URL'), 'https://hooks.example.com/zzyzx');
    await user.type(within(dialog).getByLabelText('Description (optional)'), 'Slack #creators');
    await user.click(within(dialog).getByRole('checkbox', { name: /^Campaign post/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create endpoint' }));

    const panel = await screen.findByRole('region', { name: 'Signing secret for “Slack #creators”' });
    const secret = within(panel).getByRole<HTMLInputElement>('textbox').value;
    expect(secret).toMatch(/^whsec_/);
    expect(panel).toHaveTextContent('Copy it now: you will not see it again.');
    expect(panel).toHaveTextContent(/webhook-id.*webhook-timestamp.*webhook-signature/);
    expect(panel).toHaveTextContent('HMAC-SHA256');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(alertsDb.webhooks[0]).toMatchObject({
      url: 'https://hooks.example.com/zzyzx',
      description: 'Slack #creators',
      event_types: ['video.viral', 'creator.rising', 'campaign.post_detected'],
    });

    const card = await screen.findByRole('region', { name: 'https://hooks.example.com/zzyzx' });
    expect(card).toHaveTextContent('Active');
    expect(card).toHaveTextContent('Sends: Viral video, Rising creator, Campaign post.');

    await user.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(document.body).not.toHaveTextContent(secret);
  });

  it('shows why the server refused the URL at the URL field', async () => {
    signedInUser();
    const { user } = renderApp('/settings/webhooks');

    await user.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'New webhook endpoint' });
    await user.type(within(dialog).getByLabelText('URL'), 'https://127.0.0.1/hook');
    await user.click(within(dialog).getByRole('button', { name: 'Create endpoint' }));

    const url = within(dialog).getByLabelText('URL');
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    expect(url).toHaveAccessibleDescription(/the URL points at 127\.0\.0\.1, a loopback, private or reserved address/);
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(alertsDb.webhooks).toHaveLength(0);
  });

  it('asks for at least one event type', async () => {
    signedInUser();
    const { user } = renderApp('/settings/webhooks');

    await user.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'New webhook endpoint' });
    await user.type(within(dialog).getByLabelText('URL'), 'https://hooks.example.com/x');
    await user.click(within(dialog).getByRole('checkbox', { name: /^Viral video/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /^Rising creator/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create endpoint' }));

    expect(await within(dialog).findByText('name between 1 and 10 event types')).toBeInTheDocument();
    expect(alertsDb.webhooks).toHaveLength(0);
  });

  it('shows each endpoint’s deliveries and sends one again', async () => {
    const maya = signedInUser();
    const webhook = addWebhook(personalWorkspaceOf(maya).id, {
      description: 'Zapier',
      failing_since: '2026-11-19T08:00:00Z',
    });
    addDelivery(webhook, { event_type: 'creator.milestone' });
    const failed = addDelivery(webhook, {
      event_type: 'video.viral',
      status: 'failed',
      attempts: 8,
      response_status: 500,
      last_error: 'the receiver answered 500',
      delivered_at: null,
    });
    const { user } = renderApp('/settings/webhooks');
    const card = await screen.findByRole('region', { name: 'https://hooks.example.com/zzyzx' });
    expect(card).toHaveTextContent('Failing');
    expect(card).toHaveTextContent('Every delivery has failed since');

    await user.click(within(card).getByRole('button', { name: 'Show deliveries' }));

    const table = await within(card).findByRole('table', { name: 'Deliveries, newest first' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(first).toHaveTextContent(/Viral video.*Failed.*8.*500.*the receiver answered 500/);
    expect(second).toHaveTextContent(/Follower milestone.*Delivered.*1.*200/);

    await user.click(within(first!).getByRole('button', { name: /^Redeliver the Viral video event of / }));

    expect(await within(first!).findByText('Pending')).toBeInTheDocument();
    expect(within(card).getByText('The Viral video event is queued to be sent again.')).toBeInTheDocument();
    expect(failed.status).toBe('pending');
    expect(within(card).getByRole('button', { name: 'Hide deliveries' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('pauses and resumes an endpoint, and turns one zzyzx turned off back on', async () => {
    const maya = signedInUser();
    const workspace = personalWorkspaceOf(maya).id;
    const active = addWebhook(workspace, { url: 'https://a.example.com/hook' });
    const off = addWebhook(workspace, {
      url: 'https://b.example.com/hook',
      enabled: false,
      disabled_reason: 'every delivery failed for 3 days',
      failing_since: '2026-11-17T08:00:00Z',
    });
    const { user } = renderApp('/settings/webhooks');
    await screen.findByRole('list', { name: 'Webhook endpoints' });
    expect(endpoint(off.url)).toHaveTextContent('Turned off');
    expect(endpoint(off.url)).toHaveTextContent('zzyzx turned it off: every delivery failed for 3 days');

    await user.click(within(endpoint(active.url)).getByRole('button', { name: `Pause ${active.url}` }));
    expect(await within(endpoint(active.url)).findByText('Paused')).toBeInTheDocument();
    expect(active.enabled).toBe(false);
    await user.click(within(endpoint(active.url)).getByRole('button', { name: `Resume ${active.url}` }));
    expect(await within(endpoint(active.url)).findByText('Active')).toBeInTheDocument();

    await user.click(within(endpoint(off.url)).getByRole('button', { name: `Turn back on ${off.url}` }));
    expect(await within(endpoint(off.url)).findByText('Active')).toBeInTheDocument();
    expect(off).toMatchObject({ enabled: true, disabled_reason: null });
  });

  it('rotates a secret after asking, and shows the new one once', async () => {
    const maya = signedInUser();
    const webhook = addWebhook(personalWorkspaceOf(maya).id, { description: 'Zapier' });
    const oldSecret = webhook.secret;
    const { user } = renderApp('/settings/webhooks');
    const card = await screen.findByRole('region', { name: webhook.url });

    await user.click(within(card).getByRole('button', { name: 'Rotate secret of Zapier' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate the secret of “Zapier”?' });
    expect(dialog).toHaveTextContent('The old secret stops working at once');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate secret' }));

    const panel = await within(card).findByRole('region', { name: 'New signing secret for “Zapier”' });
    expect(within(panel).getByRole<HTMLInputElement>('textbox').value).toBe(webhook.secret);
    expect(webhook.secret).not.toBe(oldSecret);
  });

  it('deletes an endpoint after asking', async () => {
    const maya = signedInUser();
    const webhook = addWebhook(personalWorkspaceOf(maya).id);
    const { user } = renderApp('/settings/webhooks');
    const card = await screen.findByRole('region', { name: webhook.url });

    await user.click(within(card).getByRole('button', { name: `Delete ${webhook.url}` }));
    const dialog = await screen.findByRole('dialog', { name: `Delete “${webhook.url}”?` });
    await user.click(within(dialog).getByRole('button', { name: 'Delete endpoint' }));

    expect(await screen.findByRole('heading', { name: 'No webhook endpoints yet' })).toBeInTheDocument();
    expect(alertsDb.webhooks).toHaveLength(0);
  });

  it('edits an endpoint’s event types', async () => {
    const maya = signedInUser();
    const webhook = addWebhook(personalWorkspaceOf(maya).id, { description: 'Zapier' });
    const { user } = renderApp('/settings/webhooks');
    const card = await screen.findByRole('region', { name: webhook.url });

    await user.click(within(card).getByRole('button', { name: 'Edit Zapier' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Zapier' });
    expect(within(dialog).getByLabelText('URL')).toHaveValue(webhook.url);
    await user.click(within(dialog).getByRole('checkbox', { name: /^Overdue post/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save endpoint' }));

    await waitFor(() => expect(card).toHaveTextContent('Sends: Viral video, Overdue post.'));
    expect(webhook.event_types).toEqual(['video.viral', 'campaign.overdue']);
  });
});

describe('settings: webhooks (not an owner)', () => {
  it('shows no tab and no endpoints, and asks nothing of the server', async () => {
    const maya = signedInUser();
    const team = addTeam(maya, 'editor');
    let asked = false;
    server.use(
      http.get('/api/v1/webhooks', () => {
        asked = true;
        return undefined;
      }),
    );
    renderApp('/settings/webhooks', { workspaceId: team.id });

    expect(await screen.findByText('Only the workspace’s owners can manage webhooks.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New endpoint' })).not.toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Settings pages' });
    expect(within(tabs).queryByRole('link', { name: 'Webhooks' })).not.toBeInTheDocument();
    expect(within(tabs).getByRole('link', { name: 'Alerts' })).toBeInTheDocument();
    expect(asked).toBe(false);
  });
});
