// The analytics journeys, run after the main flows (which leave a list of several creators, one with
// 30 days of imported history) and before logging out: the list dashboard (sorting, CSV export,
// render time at 500 creators), the rising page, the settings that drive the analytics, and a
// creator's analytics and audience. Every check throws with what was expected in words.
import { readFile } from 'node:fs/promises';

const DASHBOARD_TABLE = '.dashboard-table table';
const PERF_CREATORS = 500;
/** What the dashboard should take to render 500 rows once its data is in; above it the run says so. */
const RENDER_TARGET_MS = 200;
/** Far beyond the target: something is badly wrong, so the run fails. */
const RENDER_LIMIT_MS = 1000;

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** The followers shown in each dashboard row, exactly, from the cell's title ("12,345 followers"). */
async function followersColumn(page) {
  return page.locator(`${DASHBOARD_TABLE} tbody tr td:nth-child(3)`).evaluateAll((cells) =>
    cells.map((cell) => {
      const title = cell.querySelector('[title$=" followers"]')?.getAttribute('title');
      return title ? Number(title.replace(/[^\d]/g, '')) : null;
    }),
  );
}

/** The browser keeps its access token in memory; borrow it from a request the app makes. */
async function accessTokenFrom(page, navigate) {
  const [request] = await Promise.all([
    page.waitForRequest((candidate) => candidate.url().includes('/api/v1/') && candidate.method() === 'GET'),
    navigate(),
  ]);
  const authorization = (await request.allHeaders()).authorization;
  if (!authorization) throw new Error('the app sent no Authorization header');
  return authorization;
}

async function api(baseUrl, authorization, method, path, body, contentType = 'application/json') {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: authorization, 'Content-Type': contentType },
    body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** A list of `count` new creators with 30 days of history each, made through the API (quicker than the UI). */
async function createBigList(baseUrl, authorization, count) {
  const list = await api(baseUrl, authorization, 'POST', '/api/v1/lists', { name: `Perf ${count}` });
  const handles = Array.from({ length: count }, (_, index) => `perf_e2e_${String(index).padStart(3, '0')}`);
  let next = 0;
  const addNext = async () => {
    while (next < handles.length) {
      const handle = handles[next++];
      await api(baseUrl, authorization, 'POST', `/api/v1/lists/${list.id}/items`, { handle });
    }
  };
  await Promise.all(Array.from({ length: 8 }, addNext));

  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const rows = ['handle,captured_at,followers,following,likes,videos'];
  handles.forEach((handle, index) => {
    for (let daysAgo = 29; daysAgo >= 0; daysAgo -= 1) {
      const date = new Date(today - daysAgo * 86_400_000).toISOString().slice(0, 10);
      const followers = 1000 * (index + 1) + (29 - daysAgo) * ((index % 7) + 1) * 10;
      rows.push(`${handle},${date},${followers},100,${followers * 8},20`);
    }
  });
  await api(baseUrl, authorization, 'POST', '/api/v1/imports/metrics', rows.join('\n'), 'text/csv');
  return list;
}

/**
 * Notes when the dashboard's body holds `rows` rows (and when the browser has painted them), and when
 * the dashboard's data arrived (Resource Timing). Run in the page before an action, or as an init
 * script (`onLoad`) to time a full page load of a dashboard address.
 */
function watchDashboardRender({ rows, table, resorting, onLoad }) {
  if (onLoad && !/\/dashboard$/.test(location.pathname)) return;
  window.__zzyzxDashboard = null;
  // Only this render's request should be found, and a full buffer would drop it.
  performance.clearResourceTimings();
  // A re-sort keeps the old rows on screen (busy) until the new order arrives.
  let sawBusy = !resorting;
  const done = () => {
    const busy = document.querySelector('.dashboard-table')?.getAttribute('aria-busy');
    if (busy === 'true') sawBusy = true;
    return sawBusy && busy === 'false' && document.querySelector(`${table} tbody`)?.children.length === rows;
  };
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    const rowsAt = performance.now();
    const fetches = performance.getEntriesByType('resource').filter((entry) => /\/dashboard\?/.test(entry.name));
    const responseEnd = fetches[fetches.length - 1]?.responseEnd ?? null;
    // Two frames: the first runs before the browser paints, the second after.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.__zzyzxDashboard = { rowsAt, paintedAt: performance.now(), responseEnd };
      }),
    );
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  // A dashboard of another size never completes; stop watching it.
  setTimeout(() => observer.disconnect(), 30_000);
}

async function dashboardTiming(page) {
  await page.waitForFunction(() => window.__zzyzxDashboard, null, { timeout: 30_000 });
  const timing = await page.evaluate(() => window.__zzyzxDashboard);
  if (timing.responseEnd === null) throw new Error('no dashboard request was timed');
  return { rendered: timing.rowsAt - timing.responseEnd, painted: timing.paintedAt - timing.responseEnd };
}

function checkRenderTime(what, { rendered, painted }, report) {
  const verdict = painted <= RENDER_TARGET_MS ? 'within' : 'OVER';
  report(
    `${what}: rows in the page ${rendered.toFixed(0)} ms after the data arrived, on screen at ` +
      `${painted.toFixed(0)} ms (${verdict} the ${RENDER_TARGET_MS} ms target)`,
  );
  if (painted > RENDER_LIMIT_MS) throw new Error(`${what} took ${painted.toFixed(0)} ms to render`);
}

async function expectNoSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${page.url()} is ${overflow} px wider than a phone screen`);
}

export const analyticsFlows = [
  {
    name: "opens a list's dashboard, sorts it by followers and exports it as CSV",
    async run({ page, state, screenshot }) {
      await page.goto(state.listUrl);
      await page.getByRole('navigation', { name: 'List views' }).getByRole('link', { name: 'Dashboard' }).click();
      await page.getByRole('table', { name: 'Creators, in list order' }).waitFor();
      const rows = await page.locator(`${DASHBOARD_TABLE} tbody tr`).count();
      if (rows < 5) throw new Error(`the dashboard shows ${rows} creators, expected the list's 5`);
      await page.getByText('Demo data.').waitFor();
      await page.getByLabel('List totals').getByText('Combined followers').waitFor();

      await page.getByRole('button', { name: /^Followers/ }).click();
      await page.getByRole('table', { name: 'Creators, by followers, highest first' }).waitFor();
      await page.locator('.dashboard-table[aria-busy="false"]').waitFor();
      if (!page.url().endsWith('?sort=followers&order=desc'))
        throw new Error(`the sort is not in the address: ${page.url()}`);
      const followers = (await followersColumn(page)).filter((count) => count !== null);
      expectEqual(
        followers,
        [...followers].sort((a, b) => b - a),
        'followers after sorting by them, highest first',
      );
      await screenshot('dashboard');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const [header, firstRow] = (await readFile(await download.path(), 'utf8')).split('\n');
      if (!header?.startsWith('position,handle,display_name,followers,')) {
        throw new Error(`unexpected dashboard CSV header: ${header}`);
      }
      const firstHandle = firstRow?.split(',')[1];
      const shownFirst = (await page.locator(`${DASHBOARD_TABLE} tbody tr a[href^="/creators/"]`).first().textContent())
        .replace('@', '')
        .trim();
      expectEqual(firstHandle, shownFirst, 'first creator of the CSV, which follows the order on screen');
      expectEqual(download.suggestedFilename(), 'spring-drop-dashboard.csv', 'file name');
    },
  },
  {
    name: 'renders a dashboard of 500 creators quickly, and re-sorts it',
    async run({ page, baseUrl, state, report }) {
      const authorization = await accessTokenFrom(page, () => page.reload());
      const list = await createBigList(baseUrl, authorization, PERF_CREATORS);
      state.bigListUrl = `${baseUrl}/lists/${list.id}`;

      // A full load of the dashboard's address, timed from the moment its data arrived.
      const watch = { rows: PERF_CREATORS, table: DASHBOARD_TABLE, resorting: false, onLoad: true };
      await page.addInitScript(watchDashboardRender, watch);
      await page.goto(`${state.bigListUrl}/dashboard`);
      checkRenderTime(`dashboard of ${PERF_CREATORS} creators`, await dashboardTiming(page), report);

      await page.evaluate(watchDashboardRender, { ...watch, resorting: true, onLoad: false });
      await page.getByRole('button', { name: /^7 days/ }).click();
      const resorted = await dashboardTiming(page);
      await page.getByRole('table', { name: 'Creators, by 7-day growth, highest first' }).waitFor();
      checkRenderTime(`re-sorting ${PERF_CREATORS} creators by 7-day growth`, resorted, report);
    },
  },
  {
    name: 'opens the rising creators page and filters it by tier',
    async run({ page, screenshot }) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rising' }).click();
      await page.getByRole('heading', { name: 'Rising creators', level: 1 }).waitFor();
      // Fresh creators have too little history to be rising, so either cards or the explanation show.
      const cards = page.getByRole('list', { name: 'Rising creators' });
      const explanation = page.getByText(/^No rising creators/);
      await cards.or(explanation).first().waitFor();
      if (await explanation.isVisible()) await page.getByText(/when their growth is accelerating/).waitFor();
      await screenshot('rising');

      await page.getByLabel('Follower tier').selectOption('micro');
      await page.waitForURL(/\/rising\?tier=micro$/);
      await cards.or(explanation).first().waitFor();
    },
  },
  {
    name: 'sets the target audience and the analytics assumptions in Settings',
    async run({ page, screenshot }) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      const target = page.getByRole('form', { name: 'Target audience' });
      await target.getByLabel('Countries').fill('us, usa');
      await target.getByRole('button', { name: 'Save target audience' }).click();
      // The server's 422 points at /countries/1, shown beside the field.
      await target.getByText(/“USA”: must be an ISO 3166-1 alpha-2 code/).waitFor();
      await target.getByLabel('Countries').fill('US');
      await target.getByRole('button', { name: 'Save target audience' }).click();
      await target.getByText('Saved. Audience fit scores now use this target.').waitFor();

      const assumptions = page.getByRole('form', { name: 'Analytics assumptions' });
      await assumptions.getByLabel('Average order value (optional)').fill('40');
      await assumptions.getByRole('button', { name: 'Save assumptions' }).click();
      await assumptions.getByText('Saved. Every creator’s analytics now use these assumptions.').waitFor();
      await screenshot('settings-analytics');
    },
  },
  {
    name: "shows a creator's analytics with formulas, and scores audience fit once a profile is recorded",
    async run({ page, state, screenshot }) {
      await page.goto(state.creatorUrl);
      await page.getByRole('heading', { name: 'Analytics', level: 2 }).waitFor();
      const growth = page.getByRole('region', { name: 'Growth' });
      const table = growth.getByRole('table', { name: 'Followers growth by window' });
      // The 30 days of imported history reach back a week: the change has a value, with its formula on hover.
      const change = table
        .getByRole('row', { name: /^7 days/ })
        .locator('.measure-value')
        .first();
      await change.hover();
      await page.getByRole('tooltip').getByText('Window: 7 days').waitFor();
      await page
        .getByRole('tooltip')
        .getByText(/^Sample size: \d+/)
        .waitFor();

      // The refresh worker estimated the creator's audience from the demo source's comments.
      const fit = page.getByRole('region', { name: 'Audience fit' });
      await fit.getByText(/an estimate/).waitFor();
      await fit.getByText(/From estimated audience data \(demo data\).*commenters/).waitFor();
      // A profile recorded by hand outranks an estimate.
      await page.getByRole('button', { name: 'Record audience' }).click();
      const dialog = page.getByRole('dialog', { name: 'Record an audience profile' });
      await dialog.getByLabel('Countries').fill('US 60%, GB 25%');
      await dialog.getByLabel('Sample size (optional)').fill('400');
      await dialog.getByRole('button', { name: 'Save profile' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('list', { name: 'Audience profiles, newest first' }).getByText('US 60%, GB 25%').waitFor();
      // The target is US only, so the fit is the US share, no longer an estimate.
      await fit.getByText('60', { exact: true }).waitFor();
      const used = page
        .getByRole('list', { name: 'Audience profiles, newest first' })
        .getByRole('listitem')
        .filter({ hasText: 'Used for fit' });
      await used.getByText(/hand-entered/).waitFor();
      await fit.getByRole('table', { name: 'Fit by dimension' }).waitFor();
      await screenshot('profile-analytics');
    },
  },
  {
    name: 'fits the dashboard and rising pages on a phone screen',
    async run({ page, state, baseUrl, screenshot }) {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await page.goto(`${state.listUrl}/dashboard`);
        await page.getByRole('table', { name: 'Creators, in list order' }).waitFor();
        await expectNoSidewaysScroll(page);
        await screenshot('dashboard-phone');

        await page.goto(`${baseUrl}/rising`);
        await page.getByRole('heading', { name: 'Rising creators', level: 1 }).waitFor();
        await page
          .getByRole('list', { name: 'Rising creators' })
          .or(page.getByText(/^No rising creators/))
          .first()
          .waitFor();
        await expectNoSidewaysScroll(page);
        await screenshot('rising-phone');

        await page.goto(state.creatorUrl);
        await page.getByRole('region', { name: 'Audience fit' }).waitFor();
        await expectNoSidewaysScroll(page);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    },
  },
];
