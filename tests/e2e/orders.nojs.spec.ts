/** Order history without JavaScript: plain server-rendered pages whose links (order, back, pages) all work. */
import { expect, test } from '@playwright/test';
import { expectAccessibleWithoutJs, sessionOf } from './support';

test.describe('order history without JavaScript', () => {
  test.use(sessionOf('adminFr'));

  test('lists the orders, opens one and comes back', async ({ page, browser }) => {
    await page.goto('/orders?account=5100201');
    await expect(page.getByRole('heading', { level: 1, name: "Afficher l'historique des commandes" })).toBeVisible();
    await expect(page.getByTestId('order-row')).toHaveCount(7);
    await expectAccessibleWithoutJs(page, browser);

    await page.getByRole('link', { name: 'Développer la commande 8800208' }).click();
    await expect(page).toHaveURL(/\/orders\/8800208$/);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Entête de la commande', 'Informations sur la commande', 'Articles de la commande']);
    await expect(page.getByTestId('customer-po-number')).toHaveText('FAB-MTL-0561');
    await expect(page.getByTestId('order-item').first().locator('td:nth-child(2)')).toHaveText('Office Professionnel Plus');
    await expectAccessibleWithoutJs(page, browser);

    await page.getByRole('link', { name: "Retour à l'historique des commandes" }).click();
    await expect(page).toHaveURL(/\/orders\?account=5100201$/);
    await expect(page.getByTestId('order-row')).toHaveCount(7);
  });

  test('with every account, orders of all of them are listed', async ({ page, browser }) => {
    await page.goto('/orders?account=all');
    await expect(page.getByTestId('order-count')).toHaveText('17 commandes');
    await expectAccessibleWithoutJs(page, browser);
  });

  test('the search form and the order’s link work without JavaScript', async ({ page, browser }) => {
    await page.goto('/orders?account=5100201');
    await page.getByRole('search', { name: 'Rechercher des commandes' }).getByLabel('Numéro du bon de commande du client').fill('mtl-04');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/po=mtl-04/);
    await expect(page.getByTestId('order-row')).toHaveCount(4);
    await expectAccessibleWithoutJs(page, browser);
    await page.goto('/orders/8800202');
    // The address is on the page; the copy button needs JavaScript and is not offered.
    await expect(page.getByTestId('order-link').getByRole('link')).toHaveText(/\/orders\/8800202$/);
    await expect(page.getByRole('button', { name: 'Copier le lien' })).toHaveCount(0);
  });
});
