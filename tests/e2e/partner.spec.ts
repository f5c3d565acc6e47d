/**
 * The partner's home: the customers it serves with
 * where to act first — online services to order, expirations within 90
 * days — searchable and sortable; French, English, without JavaScript.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, sessionOf } from './support';

test.describe('the partner’s home (French)', () => {
  test.use(sessionOf('partnerFr'));

  test('shows where to act first, finds a customer, and leads to its report and expirations', async ({ page }) => {
    await page.goto('/partner');
    const fabrikam = page.getByTestId('customer-row').filter({ hasText: 'Fabrikam Industries SA' });
    // Northwind's accounts of Fabrikam hold self-provisioned services and near expirations.
    await expect(fabrikam.getByRole('link', { name: /^\d+$/ })).toHaveCount(2);
    await expectAccessible(page);

    await page.getByLabel('Rechercher un client').fill('contoso');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/q=contoso/);
    await expect(page.getByTestId('customer-row')).toHaveCount(1);
    await expect(page.getByTestId('customer-row')).toContainText('Contoso');

    await page.goto('/partner?sort=unpaid');
    await expect(page.getByTestId('customer-row').first()).toContainText('Fabrikam Industries SA');
    await page.getByTestId('customer-row').first().locator('td').nth(3).getByRole('link').click();
    await expect(page).toHaveURL(/\/reports\?customer=1000201$/);
  });
});

test.describe('the partner’s home in English', () => {
  test.use(sessionOf('partnerEn'));

  test('uses the English words', async ({ page }) => {
    await page.goto('/partner');
    await expect(page.getByRole('columnheader', { name: 'ONLINE SERVICES TO ORDER' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'EXPIRING WITHIN 90 DAYS' })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('the partner’s home without JavaScript', () => {
  test.use({ ...sessionOf('partnerFr'), javaScriptEnabled: false });

  test('the search is a plain form', async ({ page, browser }) => {
    await page.goto('/partner');
    await page.getByLabel('Trier par').selectOption('expiring');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/sort=expiring/);
    await expect(page.getByTestId('customer-row').first()).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);
  });
});
