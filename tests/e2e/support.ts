import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
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
