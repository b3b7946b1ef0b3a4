// The accessibility check, run last: axe-core on every main page, each once its data is in. It
// starts where the main journeys end, logged out, with the login and registration pages, then logs
// back in for the rest. Every check throws with what was wrong in words.
import { expectNoSeriousViolations } from './axe.mjs';

const PASSWORD = 'a long passphrase for the browser test';
const ITEMS_LIST = 'ol[aria-label="Creators in this list, in order"]';

/** Opens `url`, waits for what shows the page has its data, then for the network to go quiet. */
async function visit(page, url, ready) {
  await page.goto(url);
  for (const locator of ready(page)) await locator.waitFor();
  await page.waitForLoadState('networkidle');
}

/** The pages of the app, logged in: what to open and what shows each is ready. */
function loggedInPages({ baseUrl, state }) {
  return [
    {
      name: 'lists',
      url: `${baseUrl}/lists`,
      ready: (page) => [page.getByRole('list', { name: 'Your lists' })],
    },
    {
      name: 'list',
      url: state.listUrl,
      ready: (page) => [page.locator(`${ITEMS_LIST} > li`).nth(2)],
    },
    {
      name: 'dashboard',
      url: `${state.listUrl}/dashboard`,
      ready: (page) => [
        page.getByRole('table', { name: 'Creators, in list order' }),
        page.locator('.dashboard-table[aria-busy="false"]'),
      ],
    },
    {
      name: 'creator',
      url: state.creatorUrl,
      ready: (page) => [
        page.getByRole('table', { name: 'Daily gains, newest first' }),
        page.getByRole('region', { name: 'Growth' }),
        page.getByRole('table', { name: 'Videos, newest first' }),
      ],
    },
    {
      name: 'hashtags',
      url: `${baseUrl}/hashtags/gymtok`,
      ready: (page) => [page.getByRole('list', { name: 'Videos tagged #gymtok' })],
    },
    {
      name: 'rising',
      url: `${baseUrl}/rising`,
      ready: (page) => [
        page
          .getByRole('list', { name: 'Rising creators' })
          .or(page.getByText(/^No rising creators/))
          .first(),
      ],
    },
    {
      name: 'campaigns',
      url: `${baseUrl}/campaigns`,
      ready: (page) => [page.getByRole('table', { name: 'Campaigns, newest first' })],
    },
    ...(state.campaignUrl
      ? [
          {
            name: 'campaign board',
            url: state.campaignUrl,
            ready: (page) => [page.getByRole('group', { name: 'Pipeline board' })],
          },
          {
            name: 'campaign report',
            url: `${state.campaignUrl}?view=report`,
            ready: (page) => [page.getByRole('table', { name: /the estimate made when they joined/ })],
          },
        ]
      : []),
    {
      name: 'settings',
      url: `${baseUrl}/settings`,
      ready: (page) => [
        page.getByRole('region', { name: 'Data source' }).getByText('Demo', { exact: true }),
        page.getByRole('form', { name: 'Target audience' }),
        page.getByRole('form', { name: 'Analytics assumptions' }),
      ],
    },
    {
      name: 'members',
      url: `${baseUrl}/settings/members`,
      ready: (page) => [
        page.getByRole('table', { name: 'Members' }),
        page.getByRole('form', { name: 'Invite someone' }),
      ],
    },
    {
      name: 'API keys',
      url: `${baseUrl}/settings/api-keys`,
      ready: (page) => [page.getByRole('table', { name: 'API keys, newest first' })],
    },
    {
      name: 'inbox',
      url: `${baseUrl}/inbox`,
      ready: (page) => [
        page
          .getByRole('list', { name: 'Events, newest first' })
          .or(page.getByRole('heading', { name: 'Nothing to tell yet' }))
          .first(),
      ],
    },
    {
      name: 'alert settings',
      url: `${baseUrl}/settings/alerts`,
      ready: (page) => [
        page.getByRole('form', { name: 'Alert rules' }),
        page.getByRole('form', { name: 'Your e-mail digest' }),
      ],
    },
    {
      name: 'webhooks',
      url: `${baseUrl}/settings/webhooks`,
      ready: (page) => [
        page
          .getByRole('list', { name: 'Webhook endpoints' })
          .or(page.getByRole('heading', { name: 'No webhook endpoints yet' }))
          .first(),
      ],
    },
  ];
}

export const accessibilityFlows = [
  {
    name: 'has no serious or critical accessibility violations on any main page (axe-core)',
    async run(context) {
      const { page, baseUrl, state, report } = context;

      await visit(page, `${baseUrl}/login`, (p) => [p.getByRole('heading', { name: 'Log in', level: 1 })]);
      await expectNoSeriousViolations(page, 'login page');
      await visit(page, `${baseUrl}/register`, (p) => [p.getByRole('heading', { name: 'Create an account' })]);
      await expectNoSeriousViolations(page, 'registration page');
      // The creator's side of a connection, which needs no account.
      await visit(page, state.connectLink, (p) => [p.getByRole('heading', { name: 'Connect your TikTok account' })]);
      await expectNoSeriousViolations(page, 'connect page');
      await visit(page, `${baseUrl}/connect/done?outcome=wrong_account&handle=a.creator&authorized=b.creator`, (p) => [
        p.getByRole('heading', { name: 'That was another account' }),
      ]);
      await expectNoSeriousViolations(page, 'connect result page');

      await visit(page, `${baseUrl}/login`, (p) => [p.getByRole('form', { name: 'Log in' })]);
      const form = page.getByRole('form', { name: 'Log in' });
      await form.getByLabel('E-mail').fill(state.email);
      await form.getByLabel('Password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Lists', level: 1 }).waitFor();

      const pages = loggedInPages({ baseUrl, state });
      for (const { name, url, ready } of pages) {
        await visit(page, url, ready);
        await expectNoSeriousViolations(page, `${name} page (${url})`);
      }
      report(`axe-core: no serious or critical violations on ${pages.length + 4} pages`);
    },
  },
];
