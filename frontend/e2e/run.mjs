// End-to-end tests: the real backend binary on a fresh SQLite database serving the built app,
// driven in Debian's Chromium by playwright-core. Prints "N passed, M failed" last and exits
// non-zero on any failure; the server is always stopped.
//
//   npm run build && npm run e2e      (ZZYZX_BIN, CHROMIUM_PATH override the defaults)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { accessibilityFlows } from './accessibility-flows.mjs';
import { alertFlows } from './alerts-flows.mjs';
import { demoFlows } from './demo-flows.mjs';
import { analyticsFlows } from './analytics-flows.mjs';
import { campaignFlows } from './campaign-flows.mjs';
import { connectFlows } from './connect-flows.mjs';
import { flows, recordListRenderTime, screenshotPath } from './flows.mjs';
import { panicsIn, startServer } from './server.mjs';
import { teamFlows } from './team-flows.mjs';
import { startTikTokStandIn } from './tiktok-stand-in.mjs';

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binary = resolve(frontendDir, process.env.ZZYZX_BIN || '../target/debug/zzyzx');
const webDir = join(frontendDir, 'dist');
const screenshotsDir = join(frontendDir, 'screenshots');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Chromium logs every 4xx answer as a console error by itself. The API refuses things by design
 * (a 401 to the silent refresh of a visitor without a session, a 422 for a bad CSV) and the app
 * shows those refusals; only errors from the app's own code, failed assets and 5xx count.
 */
function isApiRefusal(message) {
  return /status of 4\d\d/.test(message.text()) && new URL(message.location().url).pathname.startsWith('/api/');
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'zzyzx-e2e-'));
  // Start empty, so no screenshot of an earlier run passes for one of this run.
  rmSync(screenshotsDir, { recursive: true, force: true });
  mkdirSync(screenshotsDir, { recursive: true });
  let passed = 0;
  let failed = 0;
  let server;
  let tiktok;
  let context;

  try {
    tiktok = await startTikTokStandIn();
    server = await startServer({ binary, webDir, workDir, tiktokUrl: tiktok.baseUrl });
    context = await chromium.launchPersistentContext(join(workDir, 'chromium-profile'), {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await context.addInitScript(recordListRenderTime);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);

    const consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !isApiRefusal(message)) consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    const state = {};
    const flowContext = {
      page,
      baseUrl: server.baseUrl,
      tiktok,
      state,
      serverLog: server.logPath,
      screenshot: (name) => page.screenshot({ path: screenshotPath(screenshotsDir, name), fullPage: true }),
      report: (line) => console.log(`  ${line}`),
    };

    // The analytics, team and campaign journeys build on the main ones' list and creators, so they run
    // last but before logging out. The demo workspace's journeys (its dashboards, then its alerts) log in
    // and out by themselves. The accessibility check visits every page once all of them exist,
    // starting from the logged-out state the main journeys end in.
    const logout = flows.findIndex((flow) => flow.name === 'logs out');
    const later = [...analyticsFlows, ...teamFlows, ...campaignFlows, ...connectFlows];
    const journeys = logout < 0 ? [...flows, ...later] : [...flows.slice(0, logout), ...later, ...flows.slice(logout)];
    const allFlows = [...journeys, ...demoFlows, ...alertFlows, ...accessibilityFlows];

    let blocked = false;
    for (const flow of allFlows) {
      if (blocked) {
        failed += 1;
        console.log(`✗ ${flow.name} (not run: an earlier step failed)`);
        continue;
      }
      const started = Date.now();
      const errorsBefore = consoleErrors.length;
      try {
        await flow.run(flowContext);
        const newErrors = consoleErrors.slice(errorsBefore);
        if (newErrors.length > 0) throw new Error(`console errors: ${newErrors.join(' | ')}`);
        passed += 1;
        console.log(`✓ ${flow.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed += 1;
        blocked = true;
        console.log(`✗ ${flow.name} (${Date.now() - started} ms)\n    ${error.message.split('\n').join('\n    ')}`);
        await page
          .screenshot({ path: screenshotPath(screenshotsDir, 'failure'), fullPage: true })
          .catch(() => undefined);
      }
    }
  } catch (error) {
    failed += 1;
    console.log(`✗ setting up: ${error.message}`);
  } finally {
    await context?.close().catch(() => undefined);
    await server?.stop();
    await tiktok?.stop();
    if (failed === 0) rmSync(workDir, { recursive: true, force: true });
    else if (server) {
      for (const panic of panicsIn(server.logPath)) console.log(`  the server panicked: ${panic}`);
      console.log(`  server log: ${server.logPath}`);
    }
  }

  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
