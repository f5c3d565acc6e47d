/**
 * On a 390 px phone (UI.md: tables scroll rather than break): the page itself
 * never scrolls sideways; a wide table scrolls inside its own focusable region
 * with its first column in view, and a product's name is not broken into one
 * word a line.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, sessionOf } from './support';

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

// Every list page, in both languages: the page never scrolls sideways, its tables do.
for (const role of ['adminFr', 'adminEn'] as const) {
  test.describe(`lists on a phone (${role === 'adminFr' ? 'français' : 'English'})`, () => {
    test.use({ ...sessionOf(role), viewport: { width: 390, height: 844 } });

    for (const url of [
      '/inventory?account=5100201&expand=all',
      '/inventory?account=5100201&packages=1&expand=all',
      '/inventory/benefits?account=5100201',
      '/orders?account=5100201',
      '/orders/8800202',
      '/reports',
      '/accounts',
    ]) {
      test(`${url}: the page does not scroll sideways, its tables do`, async ({ page }) => {
        await page.goto(url);
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
        // The box around the (first) table: a region named like it, that a keyboard can scroll.
        const region = page.getByRole('table').first().locator('xpath=..');
        await expect(region).toHaveAttribute('role', 'region');
        await expect(region).toHaveAttribute('tabindex', '0');
        await expect(region).toHaveAccessibleName(/.+/);
        const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
        expect(scrollWidth).toBeGreaterThan(clientWidth);
        // Scrolled sideways, the first column stays where it was.
        const firstCell = region.locator('tbody tr').first().locator('th, td').first();
        const before = (await firstCell.boundingBox())!.x;
        await region.evaluate((element) => element.scrollBy(200, 0));
        expect((await firstCell.boundingBox())!.x).toBe(before);
      });
    }

    test('the forms and the help page fit the screen', async ({ page }) => {
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
