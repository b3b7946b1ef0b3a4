// The team journeys, run after the analytics ones (which leave the owner logged in with the list
// "Spring drop") and before logging out: an owner invites a viewer, makes an API key and shares the
// dashboard; the link opens logged out; the invited person registers through their link and lands
// in the workspace; the owner revokes the share link and its page says so. Every check throws with
// what was expected in words.
const LIST_NAME = 'Spring drop';
const PASSWORD = 'a long passphrase for the browser test';

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function openSettingsTab(page, tab) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings pages' }).getByRole('link', { name: tab }).click();
}

/** Copies the one-time secret with its button and checks the clipboard got it. */
async function copyOneTimeSecret(panel, page, expected) {
  await panel.getByRole('button', { name: 'Copy' }).click();
  await panel.getByText('Copied to the clipboard.').waitFor();
  expectEqual(await page.evaluate(() => navigator.clipboard.readText()), expected, 'what the Copy button copied');
}

async function logOut(page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}

export const teamFlows = [
  {
    name: 'invites a viewer by e-mail and shows the invitation link once',
    async run({ page, baseUrl, state, screenshot }) {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
      await openSettingsTab(page, 'Members');
      state.viewerEmail = `viewer-${Date.now()}@example.com`;
      const form = page.getByRole('form', { name: 'Invite someone' });
      await form.getByLabel('E-mail').fill(state.viewerEmail);
      await form.getByLabel('Role').selectOption({ label: 'Viewer' });
      await form.getByRole('button', { name: 'Create invitation link' }).click();

      const panel = page.getByRole('region', { name: `Invitation link for ${state.viewerEmail}` });
      state.inviteUrl = await panel.getByRole('textbox').inputValue();
      if (!state.inviteUrl.startsWith(`${baseUrl}/invite#zzi_`)) throw new Error(`unexpected link ${state.inviteUrl}`);
      await panel.getByText('you will not see it again').waitFor();
      await copyOneTimeSecret(panel, page, state.inviteUrl);
      await page.getByRole('table', { name: 'Pending invitations' }).getByText(state.viewerEmail).waitFor();
      await screenshot('invitation');

      await panel.getByRole('button', { name: 'Done' }).click();
      await panel.waitFor({ state: 'detached' });
      if ((await page.content()).includes(state.inviteUrl.split('#')[1])) {
        throw new Error('the invitation link is still on the page after Done');
      }
    },
  },
  {
    name: 'makes an API key, shows it once, and the key works',
    async run({ page, baseUrl, screenshot }) {
      await openSettingsTab(page, 'API keys');
      const form = page.getByRole('form', { name: 'New API key' });
      await form.getByLabel('Name', { exact: true }).fill('E2E sync');
      await form.getByRole('checkbox', { name: /^Read creators/ }).check();
      await form.getByRole('button', { name: 'Create API key' }).click();

      const panel = page.getByRole('region', { name: 'API key “E2E sync”' });
      const secret = await panel.getByRole('textbox').inputValue();
      if (!secret.startsWith('zz_')) throw new Error(`the key does not look like a key: ${secret.slice(0, 6)}…`);
      await copyOneTimeSecret(panel, page, secret);
      const lists = await fetch(`${baseUrl}/api/v1/lists`, { headers: { Authorization: `Bearer ${secret}` } });
      expectEqual(lists.status, 200, 'status of GET /lists with the new key');
      await screenshot('api-key');

      await page.reload();
      const row = page.getByRole('table', { name: 'API keys, newest first' }).getByRole('row', { name: /^E2E sync/ });
      await row.waitFor();
      const shown = await row.textContent();
      if (!shown.includes('lists:read') || !shown.includes('creators:read')) {
        throw new Error(`the key's row lacks its scopes: ${shown}`);
      }
      if ((await page.content()).includes(secret)) throw new Error('the key is shown again after a reload');
    },
  },
  {
    name: 'shares the dashboard, and the link opens it for a visitor who is logged out',
    async run({ page, state, screenshot }) {
      await page.goto(`${state.listUrl}/dashboard`);
      await page.getByRole('button', { name: 'Share' }).click();
      const dialog = page.getByRole('dialog', { name: `Share “${LIST_NAME}”` });
      await dialog.getByRole('button', { name: 'Create link' }).click();
      const panel = dialog.getByRole('region', { name: 'Share link' });
      state.shareUrl = await panel.getByRole('textbox').inputValue();
      await dialog.getByRole('table', { name: 'Links to this dashboard, newest first' }).getByText('Active').waitFor();
      await screenshot('share-dialog');
      await panel.getByRole('button', { name: 'Done' }).click();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await logOut(page);
      await page.goto(state.shareUrl);
      await page.getByRole('heading', { name: LIST_NAME, level: 1 }).waitFor();
      await page.getByText('Shared dashboard · read-only').waitFor();
      const table = page.getByRole('table', { name: 'Creators, in list order' });
      await table.locator('tbody tr').first().waitFor();
      const appLinks = await page.locator('a[href^="/"]').count();
      expectEqual(appLinks, 0, 'links into the app on the shared dashboard');
      await screenshot('shared-dashboard');
    },
  },
  {
    name: 'the invited person registers through their link and lands in the workspace as a viewer',
    async run({ page, state, screenshot }) {
      await page.goto(state.inviteUrl);
      await page.getByRole('heading', { name: /^Join .+ as viewer$/, level: 1 }).waitFor();
      await screenshot('invite');
      await page.getByRole('button', { name: 'Create account' }).click();
      const form = page.getByRole('form', { name: 'Create an account' });
      expectEqual(await form.getByLabel('E-mail').inputValue(), state.viewerEmail, 'the prefilled e-mail');
      await form.getByLabel('Your name').fill('Vic Viewer');
      await form.getByLabel('Password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Create account' }).click();

      await page.getByRole('heading', { name: 'Lists', level: 1 }).waitFor();
      await page.getByRole('link', { name: LIST_NAME }).waitFor();
      const switcher = page.getByRole('banner').getByRole('combobox', { name: 'Workspace' });
      const current = await switcher.evaluate((select) => select.selectedOptions[0]?.textContent ?? '');
      if (!current.endsWith('(Viewer)')) throw new Error(`the switcher shows "${current}", not a viewer's workspace`);
      expectEqual(await switcher.locator('option').count(), 2, 'workspaces in the switcher');
      expectEqual(await page.getByRole('button', { name: 'New list' }).count(), 0, '"New list" buttons for a viewer');
      await screenshot('invited-viewer');
      await logOut(page);
    },
  },
  {
    name: 'revokes the share link, and its page then says the link does not work',
    async run({ page, state }) {
      const form = page.getByRole('form', { name: 'Log in' });
      await form.getByLabel('E-mail').fill(state.email);
      await form.getByLabel('Password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Lists', level: 1 }).waitFor();

      await page.goto(`${state.listUrl}/dashboard`);
      await page.getByRole('button', { name: 'Share' }).click();
      const dialog = page.getByRole('dialog', { name: `Share “${LIST_NAME}”` });
      await dialog.getByRole('button', { name: /^Revoke link / }).click();
      const confirmation = page.getByRole('dialog', { name: /^Revoke the link zzs_/ });
      await confirmation.getByRole('button', { name: 'Revoke link', exact: true }).click();
      await confirmation.waitFor({ state: 'hidden' });
      await dialog.getByText('Revoked').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.goto(state.shareUrl);
      await page.getByRole('heading', { name: 'This link does not work', level: 1 }).waitFor();
      await page.goto(state.listUrl);
      await page.getByRole('heading', { name: LIST_NAME, level: 1 }).waitFor();
    },
  },
];
