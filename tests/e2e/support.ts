import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { storageStatePath, type Role } from './users';

export { storageStatePath };

export function sessionOf(role: Role) {
  return { storageState: storageStatePath(role) };
}

/** WCAG 2.1 AA scan of the page as it is; fails with the list of violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, 'accessibility violations').toEqual([]);
}

/**
 * The scan for a page shown without JavaScript: axe needs JavaScript, so the
 * page's server HTML is scanned in a second context where scripts may run but
 * the page's own scripts are blocked (what is scanned is what the no-JS
 * visitor got).
 */
export async function expectAccessibleWithoutJs(page: Page, browser: Browser) {
  const html = await page.content();
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const scan = await context.newPage();
    await scan.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
    await scan.goto(new URL('/api/health', page.url()).toString());
    await scan.setContent(html, { waitUntil: 'load' });
    await expectAccessible(scan);
  } finally {
    await context.close();
  }
}
