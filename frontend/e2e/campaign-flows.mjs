// The campaign journeys, run after the team flows (which leave the owner logged in with the list
// "Spring drop" of several creators, one with 30 days of history) and before logging out: create a
// campaign whose hashtag rule the demo source's videos match, add the list's creators, move one to
// shipped on the board with the keyboard, refresh the creators until detection finds a post and
// shows its evidence, import orders from CSV, read the report and share it. Every check throws with
// what was expected in words.
import { readFile } from 'node:fs/promises';

/**
 * The hashtag the campaign looks for. The demo source tags about 4 in 10 of every creator's videos
 * #fyp (besides its niche tags), so some video of the list's creators matches; change it here if
 * the demo source's tags change.
 */
const CAMPAIGN_HASHTAG = 'fyp';
const CAMPAIGN_NAME = 'Spring drop launch';
const LIST_NAME = 'Spring drop';
/** Posts before the campaign's start do not count: start far enough back for the demo's recent videos. */
const STARTED_DAYS_AGO = 60;
const DISCOUNT_CODE = 'E2ESPRING';
/** How long to wait for detection after the refreshes were asked for. */
const DETECTION_TIMEOUT_MS = 90_000;

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** A UTC day `offset` days from today, as the date inputs and the API write it. */
function day(offset = 0) {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return new Date(today + offset * 86_400_000).toISOString().slice(0, 10);
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

async function api(baseUrl, authorization, method, path) {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: authorization } });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** Waits until a refresh job has finished, and says how it went. */
async function jobOutcome(baseUrl, authorization, jobId) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await api(baseUrl, authorization, 'GET', `/api/v1/jobs/${jobId}`);
    if (job.status === 'succeeded' || job.status === 'failed') return job.status;
    if (Date.now() > deadline) throw new Error(`refresh job ${jobId} still ${job.status} after a minute`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function openView(page, campaignUrl, view) {
  await page.goto(view === 'board' ? campaignUrl : `${campaignUrl}?view=${view}`);
  await page.getByRole('heading', { name: CAMPAIGN_NAME, level: 1 }).waitFor();
}

/** A row of a table whose first cell is this @handle (and not a longer one starting with it). */
function rowOf(page, handle) {
  const escaped = handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('row', { name: new RegExp(`${escaped}(?![\\w.])`) });
}

async function expectNoSidewaysScroll(page) {
  const { overflow, culprit } = await page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow <= 0) return { overflow };
    // The first element that reaches past the screen's right edge, outside any box that scrolls or clips it (an
    // absolutely positioned one escapes such a box unless the box is its containing block, so it always counts).
    const clipped = (element) => {
      if (getComputedStyle(element).position === 'absolute') return false;
      for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible') return true;
      }
      return false;
    };
    const past = [...document.body.querySelectorAll('*')].find(
      (element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(element),
    );
    const describe = (element) =>
      `<${element.tagName.toLowerCase()}${element.className ? ` class="${element.className}"` : ''}>`;
    const where = past?.parentElement ? describe(past.parentElement) : 'the page';
    return { overflow, culprit: past ? `${describe(past)} in ${where}` : 'none found' };
  });
  if (overflow <= 0) return;
  throw new Error(`${page.url()} is ${overflow} px wider than a phone screen (past the edge: ${culprit})`);
}

/** `text` as a regular expression that matches it literally. */
function escaped(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const campaignFlows = [
  {
    name: `creates a campaign that looks for #${CAMPAIGN_HASHTAG}, which opens`,
    async run({ page, baseUrl, state, screenshot }) {
      await page.goto(`${baseUrl}/lists`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
      await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'New campaign' }).click();

      const dialog = page.getByRole('dialog', { name: 'New campaign' });
      expectEqual(await dialog.getByLabel('Overdue after (days)').inputValue(), '14', 'the default overdue days');
      await dialog.getByLabel('Name', { exact: true }).fill(CAMPAIGN_NAME);
      await dialog.getByLabel('Starts on').fill(day(-STARTED_DAYS_AGO));
      await dialog.getByLabel('Ends on').fill(day(30));
      await dialog.getByLabel('Product name').fill('Linen tee');
      await dialog.getByLabel('Unit cost').fill('12');
      await dialog.getByLabel('Shipping cost').fill('6');
      await dialog.getByLabel('Retail value').fill('45');
      await dialog.getByLabel('Landing page (optional)').fill('https://shop.example.com/spring');
      await dialog.getByLabel('Hashtags').fill(`#${CAMPAIGN_HASHTAG}`);
      await screenshot('campaign-form');
      await dialog.getByRole('button', { name: 'Create campaign' }).click();

      await page.getByRole('heading', { name: CAMPAIGN_NAME, level: 1 }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Running', { exact: true }).first().waitFor();
      state.campaignUrl = page.url().replace(/\?.*$/, '');
      state.campaignId = state.campaignUrl.split('/').pop();
    },
  },
  {
    name: `adds the creators of "${LIST_NAME}" to the campaign`,
    async run({ page, state, screenshot }) {
      await page.getByText('No creators in this campaign yet').waitFor();
      await page.getByRole('button', { name: 'Add creators' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add creators' });
      const select = dialog.getByRole('combobox', { name: 'List', exact: true });
      // Enabled once the lists are in; the option reads "Spring drop (6)".
      const option = select.locator('option', { hasText: new RegExp(`^${LIST_NAME} \\(`) });
      await option.waitFor({ state: 'attached' });
      await select.selectOption(await option.getAttribute('value'));
      await dialog.getByRole('button', { name: 'Add creators' }).click();
      const outcome = await dialog.getByRole('status').textContent();
      const added = Number(/Added (\d+) creator/.exec(outcome)?.[1] ?? 0);
      if (added < 3) throw new Error(`expected the list's creators to be added, the dialog says "${outcome}"`);
      state.campaignCreators = added;
      await dialog.getByRole('button', { name: 'Done' }).click();

      const shortlisted = page.getByRole('region', { name: /^Shortlisted/ });
      await shortlisted
        .getByRole('listitem')
        .nth(added - 1)
        .waitFor();
      await screenshot('campaign-board');
    },
  },
  {
    name: 'moves a creator to shipped on the board with the keyboard',
    async run({ page, state, screenshot }) {
      const grip = page
        .getByRole('region', { name: /^Shortlisted/ })
        .getByRole('button', { name: /^Drag @.+ to another stage$/ })
        .first();
      const handle = (await grip.getAttribute('aria-label')).replace(/^Drag (@\S+) to another stage$/, '$1');
      state.shippedHandle = handle;

      const saved = page.waitForResponse(
        (response) => /\/creators\/[^/]+\/stage$/.test(response.url()) && response.request().method() === 'PUT',
      );
      // Awaited below; a step failing before then must not leave it an unhandled rejection.
      saved.catch(() => undefined);
      await grip.focus();
      await page.keyboard.press('Space');
      // dnd-kit announces the pick-up, then at once where the card is over: either shows it started.
      const pickedUp = new RegExp(
        `^(Picked up ${escaped(handle)}, in Shortlisted|${escaped(handle)} is over Shortlisted)\\.$`,
      );
      await page.getByText(pickedUp).waitFor({ state: 'attached' });
      // The keyboard sensor listens for the arrows from the next tick on: give it that tick.
      await page.waitForTimeout(300);
      // Contacted, Agreed, Shipped: one press a stage.
      for (const stage of ['Contacted', 'Agreed', 'Shipped']) {
        await page.keyboard.press('ArrowRight');
        await page.getByText(`${handle} is over ${stage}.`).waitFor({ state: 'attached' });
      }
      await page.keyboard.press('Space');
      const response = await saved;
      if (!response.ok()) throw new Error(`the move was refused with ${response.status()}`);
      expectEqual((await response.json()).stage, 'shipped', 'the stage the server saved');

      await page
        .getByRole('region', { name: /^Shipped/ })
        .getByRole('link', { name: handle })
        .waitFor();
      await screenshot('campaign-board-moved');

      // Moving to shipped recorded a shipment: today, one unit.
      await openView(page, state.campaignUrl, 'table');
      await rowOf(page, handle)
        .getByText(/^Shipped .* · 1 unit$/)
        .waitFor();
    },
  },
  {
    name: 'refreshes the creators, and detection finds a post with its evidence',
    async run({ page, baseUrl, state, screenshot, report }) {
      const authorization = await accessTokenFrom(page, () => openView(page, state.campaignUrl, 'posts'));
      const { items } = await api(baseUrl, authorization, 'GET', `/api/v1/campaigns/${state.campaignId}/creators`);
      const jobs = [];
      for (const entry of items) {
        const job = await api(baseUrl, authorization, 'POST', `/api/v1/creators/${entry.creator.id}/refresh`);
        jobs.push(job.id);
      }
      const outcomes = await Promise.all(jobs.map((jobId) => jobOutcome(baseUrl, authorization, jobId)));
      report(`refreshed ${outcomes.filter((outcome) => outcome === 'succeeded').length} of ${jobs.length} creators`);

      const post = page.getByRole('article', { name: /^Post by @/ }).first();
      const deadline = Date.now() + DETECTION_TIMEOUT_MS;
      for (;;) {
        await openView(page, state.campaignUrl, 'posts');
        await post.or(page.getByText('No posts found yet')).first().waitFor();
        if (await post.isVisible()) break;
        if (Date.now() > deadline) {
          throw new Error(`no post matching #${CAMPAIGN_HASHTAG} was detected within ${DETECTION_TIMEOUT_MS / 1000} s`);
        }
        await page.waitForTimeout(3000);
      }
      const evidence = `Matched the hashtag #${CAMPAIGN_HASHTAG} in the caption`;
      await post.getByText(evidence).waitFor();
      const marked = (await post.locator('mark').first().textContent()).toLowerCase();
      expectEqual(marked, `#${CAMPAIGN_HASHTAG}`, 'the matched text marked in the evidence');
      await post.getByRole('link', { name: /^Watch on TikTok/ }).waitFor();
      await post.getByText('Views', { exact: true }).waitFor();
      await screenshot('campaign-posts');
    },
  },
  {
    name: 'imports orders from CSV, crediting them by code and UTM, and lists the unmatched code',
    async run({ page, state, screenshot }) {
      // A discount code for one creator, set in the table.
      await openView(page, state.campaignUrl, 'table');
      const edit = page.getByRole('button', { name: /^Edit contact, code, fee and clicks of @/ }).first();
      const coded = (await edit.getAttribute('aria-label')).replace(/^.* of (@\S+)$/, '$1');
      await edit.click();
      const saved = page.waitForResponse(
        (response) => /\/creators\/[^/]+$/.test(response.url()) && response.request().method() === 'PATCH',
      );
      saved.catch(() => undefined);
      await page.getByLabel(`Discount code for ${coded}`).fill(DISCOUNT_CODE);
      await page.getByLabel(`Discount code for ${coded}`).press('Enter');
      if (!(await saved).ok()) throw new Error('saving the discount code was refused');
      await rowOf(page, coded).getByText(DISCOUNT_CODE).waitFor();

      // One order by code, one by UTM value (the shipped creator's handle), one matching nobody.
      await openView(page, state.campaignUrl, 'orders');
      await page.getByRole('button', { name: 'Import orders CSV' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import orders' });
      const csv = [
        'date,order_id,code,utm,amount,currency',
        `${day()},E2E-1001,${DISCOUNT_CODE},,40.00,USD`,
        `${day()},E2E-1002,,${state.shippedHandle.slice(1)},25.50,USD`,
        `${day()},E2E-1003,NOSUCHCODE,,10.00,USD`,
      ].join('\n');
      await dialog.getByLabel('Import the good lines, and list the bad ones').check();
      await dialog.getByLabel('Or paste the CSV here').fill(csv);
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();

      await dialog.getByRole('heading', { name: '1 order matches no creator of this campaign' }).waitFor();
      await dialog.getByRole('table', { name: 'Unmatched codes and UTM values' }).getByText('NOSUCHCODE').waitFor();
      await dialog.getByText(/^Wrote 2 orders/).waitFor();
      await screenshot('campaign-order-import');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const orders = page.getByRole('table', { name: 'Orders, newest first' });
      await orders
        .getByRole('row', { name: /E2E-1001/ })
        .getByText(coded)
        .waitFor();
      await orders
        .getByRole('row', { name: /E2E-1002/ })
        .getByText(state.shippedHandle)
        .waitFor();
    },
  },
  {
    name: 'reads the report: totals, estimate beside actual, proposals, and its CSV',
    async run({ page, state, screenshot }) {
      await openView(page, state.campaignUrl, 'report');
      await page.getByRole('heading', { name: 'Report', level: 2 }).waitFor();
      const tile = (label) =>
        page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd');
      expectEqual(await tile('Orders').textContent(), '2', 'orders in the report');
      expectEqual(await tile('Revenue').textContent(), '$65.50', 'revenue in the report');
      const totalCost = await tile('Total cost').textContent();
      // One shipment so far: one unit at $12 plus $6 shipping.
      if (!/^\$\d/.test(totalCost)) throw new Error(`the total cost reads "${totalCost}"`);
      const roas = await tile('Return on ad spend \\(ROAS\\)').textContent();
      if (!/×|—/.test(roas)) throw new Error(`ROAS shows neither a value nor a reason: "${roas}"`);

      const creators = page.getByRole('table', { name: /the estimate made when they joined/ });
      expectEqual(await creators.locator('tbody tr').count(), state.campaignCreators, 'creators in the report’s table');
      await creators.getByRole('columnheader', { name: 'Expected views' }).waitFor();
      await page.getByRole('table', { name: 'Your assumptions against this campaign’s results' }).waitFor();
      await page.getByRole('button', { name: 'Use these values' }).waitFor();
      await screenshot('campaign-report');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download report CSV' }).click(),
      ]);
      expectEqual(download.suggestedFilename(), 'spring-drop-launch-report.csv', 'the report’s file name');
      const [header] = (await readFile(await download.path(), 'utf8')).split('\n');
      if (!header?.includes(',')) throw new Error(`the report CSV has no header: "${header}"`);
    },
  },
  {
    name: 'shares the report, and the link opens it read-only in a page of its own',
    async run({ page, state, screenshot }) {
      await openView(page, state.campaignUrl, 'report');
      await page.getByRole('button', { name: 'Share report' }).click();
      const dialog = page.getByRole('dialog', { name: `Share “${CAMPAIGN_NAME}”` });
      await dialog.getByRole('button', { name: 'Create link' }).click();
      const shareUrl = await dialog.getByRole('region', { name: 'Share link' }).getByRole('textbox').inputValue();
      if (!shareUrl.includes('#zzs_')) throw new Error(`unexpected share link ${shareUrl}`);
      await dialog.getByRole('button', { name: 'Close' }).click();

      // A page of its own, with no access token in memory: the link's secret is all it sends.
      const visitor = await page.context().newPage();
      try {
        await visitor.goto(shareUrl);
        await visitor.getByRole('heading', { name: CAMPAIGN_NAME, level: 1 }).waitFor();
        await visitor.getByText('Shared campaign report · read-only').waitFor();
        await visitor.getByRole('table', { name: /the estimate made when they joined/ }).waitFor();
        expectEqual(await visitor.locator('a[href^="/"]').count(), 0, 'links into the app on the shared report');
      } finally {
        await visitor.close();
      }
      await screenshot('campaign-share');
    },
  },
  {
    name: 'fits the campaign pages on a phone screen',
    async run({ page, baseUrl, state, screenshot }) {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await page.goto(`${baseUrl}/campaigns`);
        await page.getByRole('link', { name: CAMPAIGN_NAME }).waitFor();
        await expectNoSidewaysScroll(page);
        await screenshot('campaigns-phone');
        for (const view of ['board', 'table', 'posts', 'report']) {
          await openView(page, state.campaignUrl, view);
          await page.getByRole('tabpanel').first().waitFor();
          await expectNoSidewaysScroll(page);
        }
        await openView(page, state.campaignUrl, 'board');
        await page.getByRole('group', { name: 'Pipeline board' }).waitFor();
        await screenshot('campaign-board-phone');
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    },
  },
];
