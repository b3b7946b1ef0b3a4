// Runs axe-core in the page and fails on any serious or critical violation, naming each rule and the
// first elements it failed on. Moderate and minor findings are left to reviews.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FAILING_IMPACTS = ['serious', 'critical'];
/** Elements named per violation; the rest are counted. */
const SHOWN_TARGETS = 5;

/**
 * Injects axe-core once per document. Not with `page.addScriptTag({ content })`: the app's CSP
 * (script-src 'self') refuses inline scripts, and the refusal would be a console error. Playwright's
 * own evaluation runs outside that rule, as it does for every `page.evaluate` of the flows.
 */
async function injectAxe(page) {
  const present = await page.evaluate(() => typeof window.axe?.run === 'function');
  if (!present) await page.evaluate(AXE_SOURCE);
}

/** Throws, with the violations in words, when axe finds anything serious or critical on the page. */
export async function expectNoSeriousViolations(page, what) {
  await injectAxe(page);
  const violations = await page.evaluate(
    async ({ impacts, shown }) => {
      const results = await window.axe.run(document, { resultTypes: ['violations'] });
      return results.violations
        .filter((violation) => impacts.includes(violation.impact))
        .map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          targets: violation.nodes.slice(0, shown).map((node) => node.target.join(' ')),
          more: Math.max(violation.nodes.length - shown, 0),
        }));
    },
    { impacts: FAILING_IMPACTS, shown: SHOWN_TARGETS },
  );
  if (violations.length === 0) return;
  const lines = violations.map(
    ({ id, impact, help, targets, more }) =>
      `${id} (${impact}): ${help}\n      at ${targets.join('\n      at ')}${more > 0 ? `\n      and ${more} more` : ''}`,
  );
  throw new Error(
    `${what}: ${violations.length} serious or critical accessibility violation(s)\n    ${lines.join('\n    ')}`,
  );
}
