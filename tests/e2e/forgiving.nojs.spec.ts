/** Without JavaScript: the page not found is a page of the portal with its own title; a stale line link opens the inventory. */
import { expect, test } from '@playwright/test';
import { sessionOf } from './support';

test.use(sessionOf('adminFr'));

// Next.js answers a page that throws notFound() with its error shell and the page in the RSC payload (a blank body
// without JavaScript: it did so before this page became a page of the portal); the status and the title are right.
test('a page not found has its own title', async ({ page }) => {
  expect((await page.goto('/inventory/history/99999999'))?.status()).toBe(404);
  await expect(page).toHaveTitle('Page introuvable · License Desk');
});

test('a link to a line no longer there opens the account’s inventory and says so', async ({ page }) => {
  expect((await page.goto('/inventory?account=5100201&line=99999'))?.status()).toBe(200);
  await expect(page.getByTestId('line-gone')).toBeVisible();
});
