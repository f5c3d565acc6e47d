/** Links that land where they point, without JavaScript: a partner's plain order link, the selector's way back, the Aide page. */
import { expect, test } from '@playwright/test';
import { expectAccessibleWithoutJs, sessionOf } from './support';

test.describe('plain links for a partner user without JavaScript', () => {
  test.use(sessionOf('partnerFr'));

  test('an order link opens in its customer’s context', async ({ page, browser }) => {
    await page.goto('/orders/8800202');
    await expect(page).toHaveURL(/\/orders\/8800202\?customer=1000201$/);
    await expect(page.getByTestId('partner-banner')).toContainText('Fabrikam Industries SA (1000201)');
    await expectAccessibleWithoutJs(page, browser);
  });
});

test.describe('the selector and the Aide page without JavaScript', () => {
  test.use(sessionOf('viewerFr'));

  test('the selector goes back to the benefits tab; the Aide page reads', async ({ page, browser }) => {
    await page.goto('/inventory/benefits?account=5100203');
    await page.getByRole('link', { name: 'Changer de compte' }).click();
    await page.getByRole('button', { name: /^Sélectionner le compte d'achats 5100204/ }).click();
    await expect(page).toHaveURL(/\/inventory\/benefits\?account=5100204$/);
    await page.getByRole('link', { name: 'Aide', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Aide' })).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);
  });
});
