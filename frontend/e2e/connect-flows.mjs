// The connected-account journey, run after the campaign flows with the owner logged in: on the first
// creator's page the brand makes a connect link; the creator opens it, goes to TikTok (the local
// stand-in), cancels once (the brand's page says so), then authorizes; the brand's page then shows the
// connection and, once the worker has read the account, the exact counts labelled as the creator's
// own. The creator then also shares their business account's audience (the API for Business's own
// authorization), and the brand sees its countries. Screenshots of both sides at desktop and phone
// width.

/** The first creator of the main journeys (the demo source knows it). */
const HANDLE = 'basecamp.bo';
/** The connection is read by the background task, which looks every few seconds. */
const FIRST_READ_TIMEOUT_MS = 30_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

async function atPhoneWidth(page, screenshot, name) {
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(`${name}-phone`);
  await page.setViewportSize(DESKTOP);
  if (overflow > 0) throw new Error(`${name}: the page scrolls sideways by ${overflow}px on a phone`);
}

export const connectFlows = [
  {
    name: 'makes a connect link on the creator page, shown once',
    async run({ page, state, screenshot }) {
      await page.goto(state.creatorUrl);
      const card = page.getByRole('region', { name: /Connected account/ });
      await card.getByText(/Not connected/).waitFor();
      await card.getByRole('button', { name: 'Create connect link' }).click();
      const link = card.getByRole('textbox', { name: 'Connect link' });
      await link.waitFor();
      state.connectLink = await link.inputValue();
      if (!/\/connect#zzc_[A-Za-z0-9_-]{43}$/.test(state.connectLink)) {
        throw new Error(`the connect link looks wrong: ${state.connectLink}`);
      }
      await card.getByText('Link sent').waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot('connect-link-made');
    },
  },
  {
    name: 'the creator opens the link, cancels on TikTok, then authorizes and is connected',
    async run({ page, state, tiktok, screenshot }) {
      tiktok.account.username = HANDLE;
      await page.goto(state.connectLink);
      await page.getByRole('heading', { name: 'Connect your TikTok account', level: 1 }).waitFor();
      await page.getByText(`your TikTok account @${HANDLE}`).waitFor();
      await screenshot('connect-page');
      await atPhoneWidth(page, screenshot, 'connect-page');

      await page.getByRole('button', { name: 'Connect with TikTok' }).click();
      await page.getByRole('heading', { name: 'TikTok stand-in: authorize zzyzx?' }).waitFor();
      await page.getByRole('link', { name: 'Cancel' }).click();
      await page.getByRole('heading', { name: 'Nothing was connected', level: 1 }).waitFor();

      // The brand sees why on the creator's page, while the link waits for another try.
      await page.goto(state.creatorUrl);
      const card = page.getByRole('region', { name: /Connected account/ });
      await card.getByText('The last attempt did not connect: The creator declined on TikTok.').waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot('connect-declined');
      await atPhoneWidth(page, screenshot, 'connect-declined');

      await page.goto(state.connectLink);
      await page.getByRole('button', { name: 'Connect with TikTok' }).click();
      await page.getByRole('heading', { name: 'TikTok stand-in: authorize zzyzx?' }).waitFor();
      await page.getByRole('link', { name: 'Authorize' }).click();
      await page.getByRole('heading', { name: `@${HANDLE} is connected`, level: 1 }).waitFor();
      await screenshot('connect-done');
      await atPhoneWidth(page, screenshot, 'connect-done');
      const exchanged = tiktok.log.filter((line) => line === 'POST /v2/oauth/token/').length;
      if (exchanged !== 1) throw new Error(`expected one code exchange at TikTok, saw ${exchanged}`);
    },
  },
  {
    name: "the brand sees the connection and the account's exact counts, labelled as connected",
    async run({ page, state, screenshot }) {
      await page.goto(state.creatorUrl);
      const card = page.getByRole('region', { name: /Connected account/ });
      await card.getByText('Connected', { exact: true }).waitFor();
      // The first read happens in the background; reload until the card says it happened.
      const deadline = Date.now() + FIRST_READ_TIMEOUT_MS;
      while (!(await card.getByText(/last read/).isVisible())) {
        if (Date.now() > deadline) throw new Error('the connected account was not read within 30 s');
        await page.waitForTimeout(1_000);
        await page.reload();
        await card.getByText('Connected', { exact: true }).waitFor();
      }
      // The stand-in's exact follower count, from the creator's own account.
      await page.getByText('123,457').first().waitFor();
      await page
        .getByText(/the creator’s connected account/)
        .first()
        .waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot('connected-creator');
      await atPhoneWidth(page, screenshot, 'connected-creator');
    },
  },
  {
    name: "the creator also shares their business audience, and the brand sees the account's countries",
    async run({ page, state, tiktok, screenshot }) {
      await page.goto(state.connectLink);
      const business = page.getByRole('region', { name: 'Audience demographics (business account)' });
      await business.getByText(/top countries, genders and age groups/).waitFor();
      await business.scrollIntoViewIfNeeded();
      await screenshot('connect-business-offer');
      await atPhoneWidth(page, screenshot, 'connect-business-offer');

      await business.getByRole('button', { name: 'Share audience demographics (business account)' }).click();
      await page.getByRole('heading', { name: 'TikTok stand-in: share your business account with zzyzx?' }).waitFor();
      await page.getByRole('link', { name: 'Authorize' }).click();
      await page.getByRole('heading', { name: `@${HANDLE} shares its audience demographics`, level: 1 }).waitFor();
      await screenshot('connect-business-done');
      const exchanged = tiktok.log.filter((line) => line === 'POST /open_api/v1.3/tt_user/oauth2/token/').length;
      if (exchanged !== 1) throw new Error(`expected one business code exchange, saw ${exchanged}`);
      if (!tiktok.log.includes('GET /open_api/v1.3/business/get/'))
        throw new Error('the business audience was not read');
      if (tiktok.log.includes('business/get refused a Login Kit token')) {
        throw new Error('a Login Kit token was sent to the API for Business');
      }

      // The audience was read with the authorization: the brand sees it at once.
      await page.goto(state.creatorUrl);
      const card = page.getByRole('region', { name: /Connected account/ });
      await card
        .getByRole('region', { name: /Audience demographics/ })
        .getByText('Shared', { exact: true })
        .waitFor();
      const audience = page.getByRole('region', { name: 'Audience', exact: true });
      await audience.getByText('US 64%, CA 11%').first().waitFor();
      await audience
        .getByText(/connected-account \(TikTok API for Business\)/)
        .first()
        .waitFor();
      await audience.scrollIntoViewIfNeeded();
      await screenshot('connected-business-audience');
      await atPhoneWidth(page, screenshot, 'connected-business-audience');
    },
  },
  {
    name: 'the creator disconnects from the same link, and the brand sees it',
    async run({ page, state, tiktok }) {
      await page.goto(state.connectLink);
      await page.getByText(`@${HANDLE} is connected`).waitFor();
      await page.getByRole('button', { name: 'Disconnect' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
      await page.getByText('You disconnected this account. You can connect it again.').waitFor();
      if (!tiktok.log.includes('POST /v2/oauth/revoke/')) throw new Error('the token was not revoked at TikTok');
      if (!tiktok.log.includes('POST /open_api/v1.3/tt_user/oauth2/revoke/')) {
        throw new Error('the business token was not revoked at TikTok');
      }
      await page.goto(state.creatorUrl);
      const card = page.getByRole('region', { name: /Connected account/ });
      await card.getByText('Disconnected by the creator.', { exact: false }).waitFor();
    },
  },
];
