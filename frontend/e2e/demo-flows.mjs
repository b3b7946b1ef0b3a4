// The demo workspace a first run gets, seen by its visitor after the brand's own journeys: its
// dashboards show audience fits estimated from commenters, marked as estimates, never a wall of
// "unknown". Every check throws with what was expected in words.
import { demoLoginIn } from './server.mjs';

export const demoFlows = [
  {
    name: 'the demo workspace shows fits estimated from commenters, marked as estimates',
    async run({ page, baseUrl, serverLog, screenshot }) {
      const { email, password } = demoLoginIn(serverLog);
      await page.goto(`${baseUrl}/login`);
      const form = page.getByRole('form', { name: 'Log in' });
      await form.getByLabel('E-mail').fill(email);
      await form.getByLabel('Password').fill(password);
      await form.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Lists', level: 1 }).waitFor();

      await page.getByRole('link', { name: 'Spring drop: gym wear' }).click();
      await page.getByRole('navigation', { name: 'List views' }).getByRole('link', { name: 'Dashboard' }).click();
      await page.getByText('Demo data.').first().waitFor();
      const fits = page.locator('.dashboard-table td [title^="Estimated from"]');
      await fits.first().waitFor();
      const rows = await page.locator('.dashboard-table tbody tr').count();
      const estimated = await fits.count();
      if (estimated < rows) throw new Error(`${estimated} of ${rows} rows show an estimated fit`);
      const first = await fits.first().textContent();
      if (!/^≈\d{1,3} est\./.test(first ?? '')) throw new Error(`an estimated fit reads "${first}"`);
      const title = await fits.first().getAttribute('title');
      if (!/^Estimated from [\d,]+ commenters/.test(title ?? '')) throw new Error(`its hint reads "${title}"`);
      await screenshot('demo-dashboard-estimated-fit');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
    },
  },
];
