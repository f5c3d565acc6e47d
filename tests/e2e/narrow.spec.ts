/**
 * On a 390 px phone: the page itself never scrolls sideways; a list's rows
 * become cards, each figure under its heading, so a row's name and figures
 * are all in view; every tap target is at least 24 × 24 px (or excused by
 * WCAG 2.5.8); a product's name is not broken into one word a line. Wider
 * screens keep the tables, which scroll inside their own focusable region and
 * say so while they do.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, sessionOf, smallTapTargets, undersizedTargets } from './support';

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

// Every list page, in both languages: the page never scrolls sideways, and neither do its lists — each row is a
// card with its name first and each figure under its heading, all within the screen.
const ADMIN_LISTS = [
  '/inventory?account=5100201&expand=all',
  '/inventory?account=5100201&packages=1&expand=all',
  '/inventory/benefits?account=5100201',
  '/orders?account=5100201',
  '/orders/8800202',
  '/reports',
  '/accounts',
];
// A partner's own lists too: its home (customer, to order, expiring), and a customer's report and orders.
const PARTNER_LISTS = ['/partner', '/reports?customer=1000201', '/orders?customer=1000201&account=all', '/inventory?customer=1000201&account=5100201&expand=all'];

for (const [role, label, urls] of [
  ['adminFr', 'français', ADMIN_LISTS],
  ['adminEn', 'English', ADMIN_LISTS],
  ['partnerFr', 'partenaire', PARTNER_LISTS],
  ['partnerEn', 'partner', PARTNER_LISTS],
] as const) {
  test.describe(`lists on a phone (${label})`, () => {
    test.use({ ...sessionOf(role), viewport: { width: 390, height: 844 } });

    for (const url of urls) {
      test(`${url}: neither the page nor its lists scroll sideways, every cell is labelled`, async ({ page }) => {
        await page.goto(url);
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
        const table = page.getByRole('table').first();
        const region = table.locator('xpath=..');
        await expect(region).toHaveAttribute('role', 'region');
        await expect(region).toHaveAccessibleName(/.+/);
        const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
        await expect(region.locator('.scroll-hint')).toBeHidden();
        // Every visible cell of the first row lies within the screen; each but the first (the card's title) shows its heading.
        const cells = table.locator('tbody tr').first().locator(':scope > th, :scope > td');
        // A heading's own words, without its help tip's.
        const headings = await table.locator('thead th').evaluateAll((cells) =>
          cells.map((cell) => [...cell.childNodes].filter((node) => !(node instanceof Element && node.classList.contains('help-tip'))).map((node) => node.textContent).join('')),
        );
        for (let index = 0; index < (await cells.count()); index++) {
          const cell = cells.nth(index);
          if (!(await cell.isVisible())) continue;
          const box = (await cell.boundingBox())!;
          expect(box.x + box.width, `cell ${index}`).toBeLessThanOrEqual(390);
          const label = await cell.evaluate((element) => getComputedStyle(element, '::before').content);
          if (index === 0) expect(label).toBe('none');
          else expect(label, `cell ${index}`).toBe(JSON.stringify(headings[index]!.trim()));
        }
      });
    }

    if (role.startsWith('admin')) test('the forms and the help page fit the screen', async ({ page }) => {
      for (const url of ['/online-services/setup?account=5100201', '/help', '/inventory/expiring?account=all', '/settings', '/account/activity', '/account/password', '/account/users', '/account/users/new']) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await pageWidth(page), url).toBeLessThanOrEqual(390);
      }
    });
  });
}

test.describe('pages on a phone', () => {
  test.use({ ...sessionOf('adminFr'), viewport: { width: 390, height: 844 } });

  test('a product name keeps its words together, and the page stays accessible', async ({ page }) => {
    await page.goto('/inventory?account=all&q=office%20365%20e3&expand=all');
    const name = page.getByTestId('product-row').getByRole('heading', { name: 'Office 365 E3' });
    const lineHeight = await name.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
    expect((await name.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    await expectAccessible(page);
  });

  test('the set-up and reduction forms fit the screen', async ({ page }) => {
    await page.goto('/online-services/setup?account=5100201');
    await expect(page.getByRole('radio').first()).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.goto('/inventory?account=5100201&expand=all');
    await page.getByRole('link', { name: /^Réduire ou désactiver/ }).first().click();
    await expect(page.getByLabel('Nouvelle quantité disponible')).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });
});

test.describe('a partner user on a phone', () => {
  test.use({ ...sessionOf('partnerFr'), viewport: { width: 390, height: 844 } });

  test('the workspace and a customer’s pages fit the screen', async ({ page }) => {
    for (const url of ['/partner', '/orders/8800201?customer=1000201', '/reports?customer=1000201']) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await pageWidth(page), url).toBeLessThanOrEqual(390);
    }
  });
});

// Every page a person reaches, at 390 px: no tap target under 24 × 24 px that WCAG 2.5.8 does not excuse.
const TAP_PAGES = {
  adminFr: [
    '/inventory?account=5100201&expand=all',
    '/inventory?account=5100201&packages=1&expand=all',
    '/inventory?account=all',
    '/inventory/benefits?account=all',
    '/inventory/expiring?account=all',
    '/accounts',
    '/accounts?field=location&term=lyon',
    '/orders?account=all',
    '/orders?account=all&po=FAB',
    '/orders/8800202',
    '/reports',
    '/online-services/setup?account=5100201',
    '/account/users',
    '/account/users/new',
    '/account/activity',
    '/account/password',
    '/settings',
    '/help',
  ],
  adminEn: ['/inventory?account=5100201&expand=all', '/orders/8800202', '/reports', '/help', '/settings'],
  partnerFr: ['/partner', '/orders/8800201?customer=1000201', '/reports?customer=1000201', '/inventory?customer=1000201&account=5100201&expand=all', '/partner/orders/new?customer=1000201'],
} as const;

for (const [role, urls] of Object.entries(TAP_PAGES) as [keyof typeof TAP_PAGES, readonly string[]][]) {
  test.describe(`tap targets on a phone (${role})`, () => {
    test.use({ ...sessionOf(role), viewport: { width: 390, height: 844 } });

    test('every target is at least 24 × 24 px, or spaced as WCAG 2.5.8 allows', async ({ page }) => {
      test.slow(); // one visit per page
      for (const url of urls) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await smallTapTargets(page), url).toEqual([]);
        // And stricter: each target is 24 × 24 px itself, crowded or not (but a link inside a sentence).
        expect(await undersizedTargets(page), url).toEqual([]);
        // The menu, opened, too.
        await page.getByText(/^(Menu|Open menu)$/).first().click();
        expect(await smallTapTargets(page), `${url} (menu open)`).toEqual([]);
        expect(await undersizedTargets(page), `${url} (menu open)`).toEqual([]);
      }
    });
  });
}

test.describe('tables on a tablet', () => {
  test.use({ ...sessionOf('adminFr'), viewport: { width: 800, height: 900 } });

  test('a table wider than the screen scrolls in its own region, says so, and keeps its first column in view', async ({ page }) => {
    await page.goto('/inventory?account=all&expand=all');
    const region = page.getByRole('table').first().locator('xpath=..');
    await expect(region).toHaveAttribute('tabindex', '0');
    const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await expect(region.locator('.scroll-hint')).toBeVisible();
    await expect(region.locator('.scroll-hint')).toContainText('défile horizontalement');
    const firstCell = region.locator('tbody tr').first().locator('th, td').first();
    const before = (await firstCell.boundingBox())!.x;
    await region.evaluate((element) => element.scrollBy(200, 0));
    expect((await firstCell.boundingBox())!.x).toBe(before);
    expect(await pageWidth(page)).toBeLessThanOrEqual(800);
  });
});
