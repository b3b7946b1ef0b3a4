// The journeys a brand's staff make, in order; each builds on the one before (the account, the
// list, its creators). Every check throws with what was expected in words.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const LIST_NAME = 'Spring drop';
const PASSWORD = 'a long passphrase for the browser test';
// Creators the demo source knows (it answers "not found" for any other handle, as a real source does),
// from those its demo workspace leaves out of its lists.
const HANDLES = ['basecamp.bo', 'chainring.chi', 'matmoments.mo'];
const ITEMS_LIST = 'ol[aria-label="Creators in this list, in order"]';

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function shownHandles(page) {
  return page.locator(`${ITEMS_LIST} > li a[href^="/creators/"]`).allTextContents();
}

/** `days` daily rows for one handle, ending today (UTC), +40 followers a day. */
function historyCsv(handle, days) {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const rows = ['handle,captured_at,followers,following,likes,videos'];
  for (let day = days - 1; day >= 0; day -= 1) {
    const date = new Date(today - day * 86_400_000).toISOString().slice(0, 10);
    const age = days - 1 - day;
    rows.push(`${handle},${date},${1000 + age * 40},200,${20_000 + age * 900},${30 + Math.floor(age / 5)}`);
  }
  return rows.join('\n');
}

/**
 * Asks the API directly, with a session of its own (the browser keeps its token in memory), to
 * learn what the demo source will answer before the page is driven.
 */
async function apiGet(baseUrl, state, path) {
  if (!state.apiToken) {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: state.email, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`logging in through the API answered ${login.status}`);
    state.apiToken = (await login.json()).access_token;
  }
  const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${state.apiToken}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}

/** Drags one row's handle onto another row's place with the mouse, as a person would. */
async function dragRow(page, fromHandle, toHandle) {
  const from = await page.getByRole('button', { name: `Drag to reorder @${fromHandle}` }).boundingBox();
  const to = await page.getByRole('button', { name: `Drag to reorder @${toHandle}` }).boundingBox();
  if (!from || !to) throw new Error('drag handles are not visible');
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // Past the sensor's 5 px activation distance first, then glide to the target.
  await page.mouse.move(start.x, start.y - 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 4, { steps: 20 });
  await page.mouse.up();
}

export const flows = [
  {
    name: 'registers an account and lands on the lists page',
    async run({ page, baseUrl, screenshot, state }) {
      await page.goto(`${baseUrl}/login`);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await screenshot('login');
      await page.getByRole('link', { name: 'Create an account' }).click();
      state.email = `e2e-${Date.now()}@example.com`;
      await page.getByLabel('Your name').fill('Erin Tester');
      await page.getByLabel('E-mail').fill(state.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Lists', level: 1 }).waitFor();
      await page.getByRole('banner').getByText('Erin Tester').waitFor();
    },
  },
  {
    name: 'creates a list, which opens',
    async run({ page, screenshot }) {
      await page.getByText('No lists yet').waitFor();
      await page.getByRole('button', { name: 'New list' }).click();
      const dialog = page.getByRole('dialog', { name: 'New list' });
      await dialog.getByLabel('Name').fill(LIST_NAME);
      await dialog.getByLabel('Description (optional)').fill('Creators for the spring gym-wear drop');
      await dialog.getByRole('button', { name: 'Create list' }).click();
      // The new list opens at once; the overview lists it too.
      await page.getByRole('heading', { name: LIST_NAME, level: 1 }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('link', { name: '← All lists' }).click();
      await page.getByRole('link', { name: LIST_NAME }).waitFor();
      await screenshot('lists');
    },
  },
  {
    name: 'adds three creators by handle, @handle and profile URL',
    async run({ page, state }) {
      await page.getByRole('link', { name: LIST_NAME }).click();
      await page.getByRole('heading', { name: LIST_NAME, level: 1 }).waitFor();
      state.listUrl = page.url();
      const pasted = [HANDLES[0], `@${HANDLES[1].toUpperCase()}`, `https://www.tiktok.com/@${HANDLES[2]}?lang=en`];
      for (const [index, text] of pasted.entries()) {
        await page.getByLabel('Add a creator').fill(text);
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await page.getByText(`Added @${HANDLES[index]}.`).waitFor();
      }
      await page.locator(`${ITEMS_LIST} > li`).nth(2).waitFor();
      expectEqual(
        await shownHandles(page),
        HANDLES.map((handle) => `@${handle}`),
        'order after adding',
      );
    },
  },
  {
    name: 'drags a creator to the top with the mouse, and the order survives a reload',
    async run({ page, screenshot }) {
      const saved = page.waitForResponse(
        (response) => response.url().endsWith('/move') && response.request().method() === 'POST',
      );
      await dragRow(page, HANDLES[2], HANDLES[0]);
      const response = await saved;
      if (!response.ok()) throw new Error(`the move was refused with ${response.status()}`);
      const expected = [HANDLES[2], HANDLES[0], HANDLES[1]].map((handle) => `@${handle}`);
      expectEqual(await shownHandles(page), expected, 'order after the drag');
      await page.reload();
      await page.locator(`${ITEMS_LIST} > li`).nth(2).waitFor();
      expectEqual(await shownHandles(page), expected, 'order after reloading');
      await screenshot('list');
    },
  },
  {
    name: 'measures how long the list page takes to render',
    async run({ page, state, report }) {
      // A full page load: session restore, the list page's chunk, the list and its items.
      await page.goto(state.listUrl);
      await page.locator(`${ITEMS_LIST} > li`).nth(2).waitFor();
      const timing = await page.evaluate(() => {
        const [navigation] = performance.getEntriesByType('navigation');
        return {
          rowsVisible: window.__zzyzxListRenderedAt,
          domContentLoaded: navigation?.domContentLoadedEventEnd,
        };
      });
      if (typeof timing.rowsVisible !== 'number') throw new Error('the page never recorded when its rows appeared');
      report(
        `list page: creators visible ${timing.rowsVisible.toFixed(0)} ms after navigation start ` +
          `(DOMContentLoaded at ${timing.domContentLoaded?.toFixed(0)} ms)`,
      );
    },
  },
  {
    name: 'imports metric history through the CSV dialog, with per-line errors for a bad file',
    async run({ page }) {
      await page.getByRole('button', { name: 'Import CSV' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import metric history' });
      await dialog
        .getByLabel('Or paste the CSV here')
        .fill(`${historyCsv(HANDLES[0], 2)}\n${HANDLES[0]},not-a-date,1,1,1,1`);
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      const rejected = dialog.getByRole('table', { name: 'Rejected rows' });
      await rejected.waitFor();
      const badLine = await rejected.locator('tbody tr td').first().textContent();
      expectEqual(badLine, '4', 'line number of the bad row');

      await dialog.getByLabel('Or paste the CSV here').fill(historyCsv(HANDLES[0], 30));
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      await dialog.getByText('Wrote 30 rows').waitFor();
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The list shows the new latest counts: 1000 + 29 × 40 followers.
      await page
        .locator(`${ITEMS_LIST} > li`, { hasText: `@${HANDLES[0]}` })
        .getByText('2.2K')
        .waitFor();
    },
  },
  {
    name: "opens a creator's profile with charts and the daily-gains table",
    async run({ page, state, screenshot }) {
      await page.getByRole('link', { name: `@${HANDLES[0]}` }).click();
      // The demo source gives every creator a display name, which heads the page.
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('link', { name: `@${HANDLES[0]} on TikTok (opens in a new tab)` }).waitFor();
      state.creatorUrl = page.url();
      const table = page.getByRole('table', { name: 'Daily gains, newest first' });
      await table.waitFor();
      const rows = await table.locator('tbody tr').count();
      expectEqual(rows, 30, 'rows in the daily-gains table');
      const charts = page.locator('.metric-chart canvas');
      await charts.nth(3).waitFor();
      expectEqual(await charts.count(), 4, 'chart canvases');
      await page.getByRole('img', { name: /^Followers: 30 daily points/ }).waitFor();
      await screenshot('profile');
    },
  },
  {
    name: 'exports the history as CSV',
    async run({ page }) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const path = await download.path();
      const [header, firstRow] = (await readFile(path, 'utf8')).split('\n');
      if (!header?.startsWith('captured_at,followers,following,likes,videos')) {
        throw new Error(`unexpected CSV header: ${header}`);
      }
      if (!firstRow?.includes(',1000,200,20000,30,')) throw new Error(`unexpected first CSV row: ${firstRow}`);
      expectEqual(download.suggestedFilename(), `${HANDLES[0]}-history-90d.csv`, 'file name');
    },
  },
  {
    name: 'refreshes the creator now and sees the job finish, then their videos',
    async run({ page, screenshot }) {
      await page.getByRole('button', { name: 'Refresh now' }).click();
      await page.getByText('Refreshed.').waitFor();
      const progress = await page.getByRole('progressbar', { name: 'Refresh progress' }).getAttribute('aria-valuenow');
      expectEqual(progress, '100', 'progress once the job has finished');
      // The demo source fetched the creator's videos too.
      const videos = page.getByRole('table', { name: 'Videos, newest first' });
      await videos.locator('tbody tr').first().waitFor();
      await page.getByRole('heading', { name: /Top video/ }).waitFor();
      await page
        .getByRole('link', { name: /^Watch on TikTok/ })
        .first()
        .waitFor();
      await screenshot('profile-refreshed');
    },
  },
  {
    name: 'adds a creator through the autocomplete, choosing with the keyboard',
    async run({ page, baseUrl, state, screenshot }) {
      const prefix = 'fit';
      const { items } = await apiGet(baseUrl, state, `/api/v1/creators/search?q=${prefix}&limit=8`);
      const index = items.findIndex((suggestion) => !suggestion.tracked);
      if (index < 0) throw new Error(`the demo source suggests no untracked creator for "${prefix}"`);
      const chosen = items[index].handle;

      await page.goto(state.listUrl);
      await page.locator(`${ITEMS_LIST} > li`).nth(2).waitFor();
      const input = page.getByRole('combobox', { name: 'Add a creator' });
      await input.pressSequentially(prefix);
      await page.getByRole('listbox', { name: 'Suggested creators' }).getByRole('option').nth(index).waitFor();
      for (let step = 0; step <= index; step += 1) await input.press('ArrowDown');
      const active = page.getByRole('option', { selected: true });
      if (!(await active.textContent()).includes(`@${chosen}`)) {
        throw new Error(`the highlighted suggestion is "${await active.textContent()}", not @${chosen}`);
      }
      await screenshot('autocomplete');
      await input.press('Enter');
      await page.getByText(`Added @${chosen}.`).waitFor();
      await page.locator(`${ITEMS_LIST} > li`, { hasText: `@${chosen}` }).waitFor();
    },
  },
  {
    name: 'explores a pasted hashtag and adds one of its creators to the list in one click',
    async run({ page, state, screenshot }) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hashtags' }).click();
      await page.getByLabel('Hashtag').fill('#GymTok');
      await page.getByRole('button', { name: 'Show videos' }).click();
      const videos = page.getByRole('list', { name: 'Videos tagged #gymtok' });
      await videos.locator('> li').first().waitFor();
      if (!page.url().endsWith('/hashtags/gymtok')) throw new Error(`the explorer is at ${page.url()}`);
      await page.getByText('Demo data').first().waitFor();

      // Pin the card by its video, since the "not in a list" highlight moves once the creator is added.
      const untracked = videos.locator('> li').filter({ hasText: 'Not in a list' }).first();
      const videoUrl = await untracked.getByRole('link', { name: /^Watch on TikTok/ }).getAttribute('href');
      const card = videos.locator('> li').filter({ has: page.locator(`a[href="${videoUrl}"]`) });
      const toggle = card.getByRole('button', { name: /^Add to list for @/ });
      const handle = (await toggle.textContent()).replace(/^.*for @/, '').trim();
      await screenshot('hashtags');

      await toggle.click();
      await card.getByRole('button', { name: LIST_NAME }).click();
      await card.getByText(`Added to ${LIST_NAME}.`).waitFor();
      await card.getByText('Tracked', { exact: true }).waitFor();

      await page.goto(state.listUrl);
      await page.locator(`${ITEMS_LIST} > li`, { hasText: `@${handle}` }).waitFor();
    },
  },
  {
    name: "shows a hashtag's creators one row each, sortable, with counts that say where they came from",
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/hashtags/gymtok`);
      // Bootstrap's toggle buttons are labels over hidden radios: click the label, as a user does.
      await page.locator('label[for="hashtag-view-creators"]').click();
      const table = page.getByRole('table', { name: /^Creators of #gymtok/ });
      await table.waitFor();
      if (!page.url().endsWith('/hashtags/gymtok?view=creators'))
        throw new Error(`the view is not kept: ${page.url()}`);
      const rows = table.locator('tbody > tr');
      const handles = await rows.locator('a[href*="@"], a[href^="/creators/"]').allTextContents();
      if (new Set(handles).size !== handles.length) throw new Error(`a creator appears twice: ${handles}`);
      // The demo source gives every author's followers with the hashtag's videos.
      const followers = await rows.locator('td:nth-child(2)').allTextContents();
      if (followers.some((text) => !/\d/.test(text))) throw new Error(`followers missing: ${followers}`);
      const tracked = rows.filter({ hasText: 'In a list' });
      if ((await tracked.count()) < 1) throw new Error('the creator added a step before is not marked as in a list');
      await page.getByRole('button', { name: /^Followers/ }).click();
      await page
        .getByRole('columnheader', { name: /^Followers/, exact: false })
        .and(page.locator('[aria-sort="descending"]'))
        .waitFor();
      await screenshot('hashtag-creators');
    },
  },
  {
    name: 'shows the demo data source on the settings page',
    async run({ page, screenshot }) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      const section = page.getByRole('region', { name: 'Data source' });
      await section.getByText('Demo', { exact: true }).waitFor();
      const capabilities = await section.getByRole('list', { name: 'What the source can do' }).textContent();
      if (!capabilities.includes('Videos under a hashtag: available')) {
        throw new Error(`unexpected capabilities: ${capabilities}`);
      }
      await screenshot('settings');
    },
  },
  {
    name: 'fits a phone screen without sideways scrolling',
    async run({ page, state, baseUrl, screenshot }) {
      await page.setViewportSize({ width: 390, height: 844 });
      const pages = [
        { name: 'list-phone', url: state.listUrl, ready: page.locator(`${ITEMS_LIST} > li`).nth(2) },
        {
          name: 'hashtags-phone',
          url: `${baseUrl}/hashtags/gymtok`,
          ready: page.getByRole('list', { name: 'Videos tagged #gymtok' }),
        },
        {
          name: 'hashtag-creators-phone',
          url: `${baseUrl}/hashtags/gymtok?view=creators`,
          ready: page.getByRole('table', { name: /^Creators of #gymtok/ }),
        },
        {
          name: 'profile-phone',
          url: state.creatorUrl,
          ready: page.getByRole('table', { name: 'Videos, newest first' }),
        },
        {
          name: 'settings-phone',
          url: `${baseUrl}/settings`,
          ready: page.getByRole('region', { name: 'Data source' }),
        },
      ];
      for (const { name, url, ready } of pages) {
        await page.goto(url);
        await ready.waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) throw new Error(`${url} is ${overflow} px wider than a phone screen`);
        await screenshot(name);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    },
  },
  {
    name: 'logs out',
    async run({ page }) {
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.goto(page.url().replace('/login', '/lists'));
      // Without a session, the app sends visitors back to log in.
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
    },
  },
];

/** Installed before any page script: notes when the list's first row appears. */
export function recordListRenderTime() {
  const observer = new MutationObserver(() => {
    if (document.querySelector('ol[aria-label="Creators in this list, in order"] > li')) {
      window.__zzyzxListRenderedAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

export function screenshotPath(dir, name) {
  return join(dir, `${name}.png`);
}
