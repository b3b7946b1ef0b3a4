// Starts the real zzyzx binary on a fresh SQLite database and a free port, serving the built app,
// with the demo data source (synthetic creators, videos, hashtags and user search, labelled "demo")
// and the demo workspace loaded beside the accounts the journeys create. Creator connections, and
// their business audiences, go to the TikTok stand-in at `tiktokUrl`.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { STAND_IN_BUSINESS_APP, STAND_IN_CLIENT } from './tiktok-stand-in.mjs';

/** A port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`zzyzx exited with code ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`zzyzx did not answer /api/v1/health within ${timeoutMs} ms`);
}

// The server colours its log with ANSI escapes.
// eslint-disable-next-line no-control-regex
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;

/**
 * The panics in a server log, each as its first two lines ("thread … panicked at …" and the message).
 * A panicking background task leaves the server healthy but a feature dead, which a failed step
 * should name rather than look like a slow page.
 */
export function panicsIn(logPath) {
  if (!existsSync(logPath)) return [];
  const lines = readFileSync(logPath, 'utf8').replace(ANSI_COLOUR, '').split('\n');
  return lines.flatMap((line, index) => (/^thread '.*panicked at /.test(line) ? [`${line} ${lines[index + 1]}`] : []));
}

/** The demo workspace's login, as the server printed it when it loaded the demo. */
export function demoLoginIn(logPath) {
  const log = readFileSync(logPath, 'utf8').replace(ANSI_COLOUR, '');
  const email = /Log in as:\s+(\S+)/.exec(log)?.[1];
  const password = /Password:\s+(\S+)/.exec(log)?.[1];
  if (!email || !password) throw new Error(`the server printed no demo login (log: ${logPath})`);
  return { email, password };
}

/**
 * Resolves once /api/v1/health answers. `stop()` ends the process (SIGTERM, then SIGKILL) and is
 * safe to call more than once.
 */
export async function startServer({ binary, webDir, workDir, tiktokUrl }) {
  if (!existsSync(binary)) throw new Error(`No zzyzx binary at ${binary}; build it or set ZZYZX_BIN.`);
  if (!existsSync(join(webDir, 'index.html')))
    throw new Error(`No built app in ${webDir}; run \`npm run build\` first.`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logPath = join(workDir, 'zzyzx.log');
  const log = createWriteStream(logPath);
  const child = spawn(binary, ['serve', '--bind', `127.0.0.1:${port}`, '--source', 'demo', '--demo'], {
    env: {
      ...process.env,
      ZZYZX_DATABASE_URL: `sqlite://${join(workDir, 'e2e.db')}`,
      ZZYZX_WEB_DIR: webDir,
      ZZYZX_PUBLIC_URL: baseUrl,
      ZZYZX_TIKTOK_CLIENT_KEY: STAND_IN_CLIENT.key,
      ZZYZX_TIKTOK_CLIENT_SECRET: STAND_IN_CLIENT.secret,
      ZZYZX_TIKTOK_AUTHORIZE_URL: `${tiktokUrl}/v2/auth/authorize/`,
      ZZYZX_TIKTOK_API_BASE_URL: tiktokUrl,
      ZZYZX_TIKTOK_BUSINESS_APP_ID: STAND_IN_BUSINESS_APP.id,
      ZZYZX_TIKTOK_BUSINESS_SECRET: STAND_IN_BUSINESS_APP.secret,
      ZZYZX_TIKTOK_BUSINESS_AUTH_URL: `${tiktokUrl}/v2/auth/authorize/`,
      ZZYZX_TIKTOK_BUSINESS_BASE_URL: tiktokUrl,
      // A fixed key for a throwaway database.
      ZZYZX_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };

  try {
    // Loading the demo workspace (60 creators, 180 days each) comes first.
    await waitForHealth(baseUrl, child, 120_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message} (log: ${logPath})`, { cause: error });
  }
  return { baseUrl, logPath, stop };
}
