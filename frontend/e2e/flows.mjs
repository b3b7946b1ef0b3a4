// The journeys a brand's staff make, in order; each builds on the one before (the account, the
// list, its creators). Every check throws with what was expected in words.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const LIST_NAME = 'Spring drop';
const HANDLES = ['alpha_e2e', 'bravo_e2e', 'charlie_e2e'];
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
      await page.getByLabel('Password').fill('a long passphrase for the browser test');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Lists', level: 1 }).waitFor();
      await page.getByRole('banner').getByText('Erin Tester').waitFor();
    },
  },
  {
    name: 'creates a list',
    async run({ page, screenshot }) {
      await page.getByText('No lists yet').waitFor();
      await page.getByRole('button', { name: 'New list' }).click();
      const dialog = page.getByRole('dialog', { name: 'New list' });
      await dialog.getByLabel('Name').fill(LIST_NAME);
      await dialog.getByLabel('Description (optional)').fill('Creators for the spring gym-wear drop');
      await dialog.getByRole('button', { name: 'Create list' }).click();
      await page.getByRole('link', { name: LIST_NAME }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
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
    async run({ page, screenshot }) {
      await page.getByRole('link', { name: `@${HANDLES[0]}` }).click();
      await page.getByRole('heading', { name: `@${HANDLES[0]}`, level: 1 }).waitFor();
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
    name: 'fits a phone screen without sideways scrolling',
    async run({ page, state, screenshot }) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(state.listUrl);
      await page.locator(`${ITEMS_LIST} > li`).nth(2).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) throw new Error(`the list page is ${overflow} px wider than a phone screen`);
      await screenshot('list-phone');
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
