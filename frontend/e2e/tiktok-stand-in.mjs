// A local stand-in for TikTok's Login Kit, Display API and API for Business, in the documented
// shapes, so the browser test can walk a creator through "authorizing" zzyzx. Its consent page has
// an Authorize and a Cancel button; the code exchange checks the client credentials, the redirect
// URI and the PKCE verifier against the challenge the authorize request carried (SHA-256 in hex, as
// TikTok's Login Kit computes it). The same page, asked with the API for Business app's id, grants
// business access: its JSON token exchange (`/tt_user/oauth2/…`, `{code, message, request_id, data}`
// envelope) issues tokens that only `/business/get/` accepts, in `Access-Token`; a Login Kit token
// there is refused and logged.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

export const STAND_IN_CLIENT = { key: 'e2e-client-key', secret: 'e2e-client-secret' };
export const STAND_IN_BUSINESS_APP = { id: 'e2e-business-app', secret: 'e2e-business-secret' };
const BUSINESS_ID = '-000stand-in-business';

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Resolves once listening. `account.username` is whose account the consent page logs in as. */
export async function startTikTokStandIn() {
  const account = { username: 'creator' };
  /** code → what the authorize request said. */
  const codes = new Map();
  const tokens = new Set();
  /** The same, for the API for Business authorization. */
  const businessCodes = new Map();
  const businessTokens = new Set();
  const log = [];

  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://stand-in');
    log.push(`${request.method} ${url.pathname}`);
    const bearer = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const ok = (data) => json(response, 200, { data, error: { code: 'ok', message: '', log_id: 'stand-in' } });

    const envelope = (code, message, data) =>
      json(response, 200, { code, message, request_id: 'stand-in', ...(data ? { data } : {}) });

    if (request.method === 'GET' && url.pathname === '/v2/auth/authorize/' && url.searchParams.has('app_id')) {
      const params = url.searchParams;
      const redirect = params.get('redirect_uri') ?? '';
      if (params.get('app_id') !== STAND_IN_BUSINESS_APP.id || !params.get('state')) {
        response.writeHead(400, { 'Content-Type': 'text/plain' });
        response.end('bad business authorize request');
        return;
      }
      const code = randomBytes(12).toString('hex');
      businessCodes.set(code, { redirect, scope: params.get('scope') });
      const back = (extra) => `${redirect}?${new URLSearchParams({ ...extra, state: params.get('state') })}`;
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><head><title>TikTok (stand-in)</title><link rel="icon" href="data:,"></head><body>
        <main><h1>TikTok stand-in: share your business account with zzyzx?</h1>
        <p>Logged in as @${escapeHtml(account.username)}. zzyzx asks for: ${escapeHtml(params.get('scope') ?? '')}</p>
        <a href="${escapeHtml(back({ code }))}">Authorize</a>
        <a href="${escapeHtml(back({ error: 'access_denied', error_description: 'The user denied the request' }))}">Cancel</a>
        </main></body></html>`);
      return;
    }
    if (request.method === 'POST' && url.pathname.startsWith('/open_api/v1.3/tt_user/oauth2/')) {
      let body;
      try {
        body = JSON.parse(await readBody(request));
      } catch {
        envelope(40002, 'The request body is not JSON.');
        return;
      }
      if (body.client_id !== STAND_IN_BUSINESS_APP.id || body.client_secret !== STAND_IN_BUSINESS_APP.secret) {
        envelope(40001, 'The app id or secret is incorrect.');
        return;
      }
      if (url.pathname.endsWith('/revoke/')) {
        businessTokens.delete(body.access_token);
        envelope(0, 'OK');
        return;
      }
      if (url.pathname.endsWith('/token/')) {
        const granted = businessCodes.get(body.auth_code);
        businessCodes.delete(body.auth_code);
        if (body.grant_type !== 'authorization_code' || !granted || granted.redirect !== body.redirect_uri) {
          envelope(40131, 'Authorization code is expired or invalid.');
          return;
        }
      } else if (body.grant_type !== 'refresh_token' || !businessTokens.has(body.refresh_token)) {
        envelope(40105, 'Refresh token is incorrect or has been revoked.');
        return;
      }
      const access = `act.business.${randomBytes(8).toString('hex')}`;
      const refresh = `rft.business.${randomBytes(8).toString('hex')}`;
      businessTokens.add(access);
      businessTokens.add(refresh);
      envelope(0, 'OK', {
        open_id: BUSINESS_ID,
        access_token: access,
        refresh_token: refresh,
        expires_in: 86400,
        refresh_token_expires_in: 31536000,
        scope: 'user.info.basic,user.insights,user.account.type',
        token_type: 'Bearer',
      });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/open_api/v1.3/business/get/') {
      const token = request.headers['access-token'] ?? '';
      if (tokens.has(token) || tokens.has(bearer)) log.push('business/get refused a Login Kit token');
      if (!businessTokens.has(token) || url.searchParams.get('business_id') !== BUSINESS_ID) {
        envelope(40105, 'Access token is incorrect or has been revoked.');
        return;
      }
      envelope(0, 'OK', {
        username: account.username,
        audience_countries: [
          { country: 'US', percentage: 0.64 },
          { country: 'CA', percentage: 0.11 },
        ],
        audience_genders: [
          { gender: 'Female', percentage: 0.72 },
          { gender: 'Male', percentage: 0.28 },
        ],
        audience_ages: [
          { age: '18-24', percentage: 0.46 },
          { age: '25-34', percentage: 0.38 },
        ],
      });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/v2/auth/authorize/') {
      const q = url.searchParams;
      const redirect = q.get('redirect_uri') ?? '';
      if (q.get('client_key') !== STAND_IN_CLIENT.key || q.get('code_challenge_method') !== 'S256' || !q.get('state')) {
        response.writeHead(400, { 'Content-Type': 'text/plain' });
        response.end('bad authorize request');
        return;
      }
      const code = randomBytes(12).toString('hex');
      codes.set(code, { challenge: q.get('code_challenge'), redirect, scope: q.get('scope') });
      const back = (params) => `${redirect}?${new URLSearchParams({ ...params, state: q.get('state') })}`;
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><head><title>TikTok (stand-in)</title><link rel="icon" href="data:,"></head><body>
        <main><h1>TikTok stand-in: authorize zzyzx?</h1>
        <p>Logged in as @${escapeHtml(account.username)}. zzyzx asks for: ${escapeHtml(q.get('scope') ?? '')}</p>
        <a href="${escapeHtml(back({ code, scopes: q.get('scope') ?? '' }))}">Authorize</a>
        <a href="${escapeHtml(back({ error: 'access_denied', error_description: 'The user denied the request' }))}">Cancel</a>
        </main></body></html>`);
      return;
    }
    if (request.method === 'POST' && url.pathname === '/v2/oauth/token/') {
      const form = new URLSearchParams(await readBody(request));
      if (form.get('client_key') !== STAND_IN_CLIENT.key || form.get('client_secret') !== STAND_IN_CLIENT.secret) {
        json(response, 401, {
          error: 'invalid_client',
          error_description: 'Client key or secret is incorrect.',
          log_id: 'x',
        });
        return;
      }
      let scope = 'user.info.basic,user.info.profile,user.info.stats,video.list';
      if (form.get('grant_type') === 'authorization_code') {
        const granted = codes.get(form.get('code'));
        codes.delete(form.get('code'));
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('hex');
        if (!granted || granted.challenge !== challenge || granted.redirect !== form.get('redirect_uri')) {
          json(response, 400, {
            error: 'invalid_grant',
            error_description: 'Authorization code is invalid.',
            log_id: 'x',
          });
          return;
        }
        scope = granted.scope;
      } else if (form.get('grant_type') !== 'refresh_token' || !tokens.has(form.get('refresh_token'))) {
        json(response, 400, { error: 'invalid_grant', error_description: 'Refresh token is invalid.', log_id: 'x' });
        return;
      }
      const access = `act.${randomBytes(8).toString('hex')}`;
      const refresh = `rft.${randomBytes(8).toString('hex')}`;
      tokens.add(access);
      tokens.add(refresh);
      json(response, 200, {
        access_token: access,
        expires_in: 86400,
        open_id: '-000stand-in',
        refresh_expires_in: 31536000,
        refresh_token: refresh,
        scope,
        token_type: 'Bearer',
      });
      return;
    }
    if (request.method === 'POST' && url.pathname === '/v2/oauth/revoke/') {
      const form = new URLSearchParams(await readBody(request));
      tokens.delete(form.get('token'));
      json(response, 200, {});
      return;
    }
    if (!tokens.has(bearer)) {
      json(response, 401, {
        error: { code: 'access_token_invalid', message: 'The access token is invalid.', log_id: 'x' },
      });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/v2/user/info/') {
      ok({
        user: {
          open_id: '-000stand-in',
          display_name: 'Stand-in creator',
          username: account.username,
          is_verified: false,
          follower_count: 123457,
          following_count: 321,
          likes_count: 4567890,
          video_count: 88,
        },
      });
      return;
    }
    if (request.method === 'POST' && url.pathname === '/v2/video/list/') {
      ok({
        videos: [
          {
            id: '7468000000000000042',
            create_time: Math.floor(Date.now() / 1000) - 7200,
            video_description: 'unboxing my new shirt #fyp',
            duration: 28,
            view_count: 40321,
            like_count: 3210,
            comment_count: 98,
            share_count: 12,
          },
        ],
        cursor: 0,
        has_more: false,
      });
      return;
    }
    json(response, 404, { error: { code: 'not_found', message: 'no such endpoint', log_id: 'x' } });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  return {
    baseUrl,
    account,
    log,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
