import { expect, test } from '@playwright/test';
import { sessionOf } from './support';

test('health answers 200 when the database answers', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});

test('the browser finds the icon, signed out too', async ({ request }) => {
  const response = await request.get('/favicon.ico', { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/');
  expect((await response.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
});

test.describe('with the demo data', () => {
  test.use(sessionOf('singleAccount'));

  test('the first page shows the customer’s inventory from the database', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/inventory$/);
    await expect(page.getByTestId('context-account')).toHaveText("Compte d'achats 5100101 – Contoso Siège");
    await expect(page.getByText('Contrat 7600101')).toBeVisible();
    await expect(page.getByText('Québec, CA')).toBeVisible();
    await expect(page.getByTestId('product-row').getByRole('heading')).toHaveText(['Office Professionnel Plus', 'Office 365 E3', 'Windows Server']);
    await expect(page.getByTestId('data-updated')).toContainText('Données mises à jour le');
  });
});
