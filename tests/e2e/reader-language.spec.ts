/**
 * Every page in the reader's language: an English-speaking administrator, then
 * an English-speaking partner, visit every page of the product (the inventory
 * with every row opened, each line's history of the richest account, every
 * order, the benefits, what expires, the report, accounts, people, activity,
 * help, settings, the partner's pages) and its CSV exports, and none shows a
 * French-only name of the catalogue; the reverse for French readers. The
 * terms are the demo's names whose French and English forms differ and the
 * catalogues' names of the fixed vocabularies. No accessibility scans here:
 * this walk is about words, and it must stay fast.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import enInventory from '../../lib/i18n/messages/en/inventory.json';
import frInventory from '../../lib/i18n/messages/fr/inventory.json';
import { buildDemoDocument } from '../../fixtures/demo';
import { TEST_TODAY } from '../../playwright.config';
import { storageStatePath, type Role } from './users';

type Side = 'fr' | 'en';

/** The names that differ between the languages: what must never reach a reader of the other language. */
function termsOnlyIn(side: Side): string[] {
  const doc = buildDemoDocument(TEST_TODAY);
  const names: unknown[] = [
    ...(doc.productFamilies ?? []).map((family) => family.name),
    ...(doc.products ?? []).map((product) => product.name),
    ...(doc.packages ?? []).map((pkg) => pkg.name),
    ...(doc.licensePositions ?? []).flatMap((line) => [line.edition, ...(line.transactions ?? []).map((t) => t.note)]),
    ...(doc.subscriptions ?? []).flatMap((line) => [line.edition, ...(line.transactions ?? []).map((t) => t.note)]),
    ...(doc.orders ?? []).flatMap((order) => order.items.map((item) => item.edition)),
    ...(doc.benefits ?? []).map((benefit) => benefit.benefit),
  ];
  const pairs = names.filter((name): name is { fr: string; en: string } => typeof name === 'object' && name !== null && 'fr' in name && 'en' in name && name.fr !== name.en);
  const vocabulary = side === 'fr' ? frInventory : enInventory;
  return [...new Set([...pairs.map((pair) => pair[side]), ...Object.values(vocabulary.resourceUsages), vocabulary.history.importNote])];
}

const FRENCH_ONLY = termsOnlyIn('fr');
const ENGLISH_ONLY = termsOnlyIn('en');

/** The page's title and visible text hold none of the terms. */
async function expectNoneOf(page: Page, terms: string[]) {
  const text = `${await page.title()}\n${await page.locator('body').innerText()}`;
  expect(
    terms.filter((term) => text.includes(term)),
    page.url(),
  ).toEqual([]);
}

async function visit(page: Page, path: string, terms: string[]) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expectNoneOf(page, terms);
}

/** The links of the page whose address starts with `prefix`, once each. */
async function linksTo(page: Page, prefix: string): Promise<string[]> {
  const hrefs = await page.locator(`a[href^="${prefix}"]`).evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return [...new Set(hrefs)];
}

async function exportsHoldNone(context: BrowserContext, paths: string[], terms: string[]) {
  for (const path of paths) {
    const response = await context.request.get(path);
    expect(response.status(), path).toBe(200);
    const text = await response.text();
    expect(
      terms.filter((term) => text.includes(term)),
      path,
    ).toEqual([]);
  }
}

/** A customer administrator's whole product, then a partner's pages, for readers of one language. */
async function walk(newContext: (role: Role) => Promise<BrowserContext>, side: Side) {
  const terms = side === 'en' ? FRENCH_ONLY : ENGLISH_ONLY;
  expect(terms.length).toBeGreaterThan(15);

  const admin = await newContext(side === 'en' ? 'adminEn' : 'adminFr');
  const page = await admin.newPage();
  await visit(page, '/inventory?account=all&expand=all', terms);
  await visit(page, '/inventory?account=all&expand=all&packages=1', terms);
  // Every line's history of the richest account (its remarks, editions, usages).
  await visit(page, '/inventory?account=5100201&expand=all', terms);
  const histories = await linksTo(page, '/inventory/history/');
  expect(histories.length).toBeGreaterThan(10);
  for (const href of histories) await visit(page, href, terms);
  await visit(page, '/inventory/benefits?account=all', terms);
  await visit(page, '/inventory/expiring?account=all', terms);
  await visit(page, '/orders?account=all', terms);
  const orders = (await linksTo(page, '/orders/88')).filter((href) => !href.includes('export'));
  expect(orders.length).toBeGreaterThan(10);
  for (const href of orders) await visit(page, href, terms);
  for (const path of ['/reports', '/accounts', '/account/users', '/account/activity', '/help', '/settings', '/online-services/setup']) await visit(page, path, terms);
  await exportsHoldNone(admin, ['/inventory/export?account=all', '/inventory/export?account=all&packages=1', '/orders/export?account=all', '/inventory/benefits/export?account=all', '/reports/export', ...orders.slice(0, 5).map((href) => `${new URL(href, 'http://portal').pathname}/export`)], terms);
  await admin.close();

  const partner = await newContext(side === 'en' ? 'partnerEn' : 'partnerFr');
  const partnerPage = await partner.newPage();
  for (const path of [
    '/partner',
    '/partner/orders/new?customer=1000201',
    '/inventory?customer=1000201&account=all&expand=all',
    '/orders?customer=1000201&account=all',
    '/reports?customer=1000201',
    '/inventory/expiring?customer=1000201&account=all',
    '/help',
  ]) {
    await visit(partnerPage, path, terms);
  }
  await partner.close();
}

test.describe('every page in the reader’s language', () => {
  // About sixty pages each: more than one page's time, but no scans.
  test.setTimeout(120_000);

  test('an English reader never reads a French-only name of the catalogue', async ({ browser }) => {
    await walk((role) => browser.newContext({ storageState: storageStatePath(role), locale: 'en-US' }), 'en');
  });

  test('a French reader never reads an English-only name of the catalogue', async ({ browser }) => {
    await walk((role) => browser.newContext({ storageState: storageStatePath(role), locale: 'fr-FR' }), 'fr');
  });
});
