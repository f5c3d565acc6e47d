import { expect, test } from '@playwright/test';
import { sessionOf } from './support';

test('health answers 200 when the database answers', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});

test.describe('with the demo data', () => {
  test.use(sessionOf('singleAccount'));

  test('the first page shows the customer’s account from the database', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/inventory$/);
    await expect(page.getByTestId('context-account')).toHaveText('Compte d’achats 5100101 – Contoso Siège'.replace('’', "'"));
    const summary = page.getByTestId('account-summary');
    await expect(summary).toContainText('Contoso Ltée');
    await expect(summary).toContainText('7600101');
    await expect(summary).toContainText('Québec');
    await expect(summary).toContainText('Northwind Partenaires');
  });
});
