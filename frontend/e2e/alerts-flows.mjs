// Alerts in the demo workspace, run after its other journey (logged out before and after): the bell
// counts the week of demo events the server recorded, the inbox shows them labelled demo and marks
// them read; the alert rules keep a change across a reload; the Webhooks page refuses an endpoint
// on a loopback address and says why at the URL field. Every check throws with what was expected
// in words.
import { expectNoSeriousViolations } from './axe.mjs';
import { demoLoginIn } from './server.mjs';

const LOOPBACK_URL = 'https://127.0.0.1/hook';

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function openSettingsTab(page, tab) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: tab, exact: true }).click();
}

/** The bell in the navbar, whatever it counts. */
function bell(page) {
  return page.getByRole('banner').getByRole('link', { name: /^Alerts(\s*,?\s*\d+\s*unread)?$/ });
}

export const alertFlows = [
  {
    name: 'the demo workspace’s bell counts its demo events, and the inbox marks them all read',
    async run({ page, baseUrl, serverLog, screenshot, report }) {
      const { email, password } = demoLoginIn(serverLog);
      await page.goto(`${baseUrl}/login`);
      const form = page.getByRole('form', { name: 'Log in' });
      await form.getByLabel('E-mail').fill(email);
      await form.getByLabel('Password').fill(password);
      await form.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Lists', level: 1 }).waitFor();

      const counted = page.getByRole('banner').getByRole('link', { name: /^Alerts\s*,?\s*\d+\s*unread$/ });
      await counted.waitFor().catch(async () => {
        throw new Error(`the bell shows no unread count; it reads "${await bell(page).textContent()}"`);
      });
      const unread = Number(/(\d+)\s*unread/.exec((await counted.textContent()) ?? '')?.[1]);
      if (!(unread > 0)) throw new Error(`the bell counts ${unread} unread events, expected more than 0`);
      report(`the demo workspace starts with ${unread} unread events`);

      await counted.click();
      await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      const events = page.getByRole('list', { name: 'Events, newest first' });
      await events.getByRole('listitem').first().waitFor();
      const shown = await events.getByRole('listitem').count();
      const labelledDemo = await events.getByText('demo', { exact: true }).count();
      if (labelledDemo === 0) throw new Error(`none of the ${shown} events shown is labelled demo`);
      const unreadBadges = await events.getByText('Unread', { exact: true }).count();
      if (unreadBadges === 0) throw new Error('no event in the inbox is marked unread before "Mark all read"');
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, 'inbox page');
      await screenshot('inbox');

      await page.getByRole('button', { name: 'Mark all read' }).click();
      await page.getByText('Everything is marked read.').waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'Alerts', exact: true }).waitFor();
      await events.getByRole('listitem').first().waitFor();
      expectEqual(await events.getByText('Unread', { exact: true }).count(), 0, 'events still marked unread');

      // The server remembers: a fresh page load counts nothing either.
      await page.reload();
      await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      await events.getByRole('listitem').first().waitFor();
      // The bell is named "Alerts" while its count loads too: judge it once the page is quiet.
      await page.waitForLoadState('networkidle');
      expectEqual(
        (await bell(page).textContent())?.includes('unread'),
        false,
        'an unread count on the bell after a reload',
      );
    },
  },
  {
    name: 'changes the alert rules’ dormant days, and the change is there after a reload',
    async run({ page, screenshot }) {
      await openSettingsTab(page, 'Alerts');
      const form = page.getByRole('form', { name: 'Alert rules' });
      const dormant = form.getByLabel('Dormant after (days)');
      await dormant.waitFor();
      const before = await dormant.inputValue();
      const after = before === '45' ? '46' : '45';
      await dormant.fill(after);
      await form.getByRole('button', { name: 'Save alert rules' }).click();
      await form.getByText('Saved. New events follow these rules.').waitFor();

      await page.reload();
      await page.getByRole('form', { name: 'Alert rules' }).getByLabel('Dormant after (days)').waitFor();
      expectEqual(await dormant.inputValue(), after, 'dormant days after a reload');
      await page.getByRole('form', { name: 'Your e-mail digest' }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoSeriousViolations(page, 'alert settings page');
      await screenshot('alert-settings');
    },
  },
  {
    name: 'refuses a webhook on a loopback address, saying why at the URL field',
    async run({ page, screenshot }) {
      await openSettingsTab(page, 'Webhooks');
      await page.getByRole('button', { name: 'New endpoint' }).click();
      const dialog = page.getByRole('dialog', { name: 'New webhook endpoint' });
      const url = dialog.getByLabel('URL', { exact: true });
      await url.fill(LOOPBACK_URL);
      await dialog.getByRole('button', { name: 'Create endpoint' }).click();

      await dialog.getByText(/points at 127\.0\.0\.1, a loopback, private or reserved address/).waitFor();
      expectEqual(await url.getAttribute('aria-invalid'), 'true', 'aria-invalid of the refused URL field');
      await expectNoSeriousViolations(page, 'new webhook dialog with a refused URL');
      await screenshot('webhook-refused');

      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const endpoints = await page.getByRole('list', { name: 'Webhook endpoints' }).count();
      expectEqual(endpoints, 0, 'lists of webhook endpoints after the refusal');
      await expectNoSeriousViolations(page, 'webhooks page');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
    },
  },
];
