/**
 * Every link lands where it points: the account in view travels
 * with the menu; the selector goes back to the page it was opened from; a
 * partner's plain order, line or account link opens in its customer's
 * context (404 when the partner does not serve it), signed in or not; the
 * packages view keeps Parcourir; each kind of product is summarised in its
 * own words; the guide's help texts; the partner's own voice; the Aide page.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, sessionOf } from './support';
import { PASSWORD, USERS } from './users';

test.describe('the account in view (customer administrator)', () => {
  test.use(sessionOf('adminFr'));

  test('a line opened from the report makes its account the one every menu link carries', async ({ page }) => {
    await page.goto('/inventory?account=5100203');
    await page.getByRole('link', { name: 'Rapports', exact: true }).click();
    await page.getByRole('link', { name: "Voir la ligne Office 365 E1 du compte d'achats 5100204 dans l'inventaire" }).click();
    await expect(page.getByTestId('context-account')).toContainText('5100204');
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    await expect(menu.getByRole('link', { name: "Afficher l'historique des commandes" })).toHaveAttribute('href', '/orders?account=5100204');
    await expect(menu.getByRole('link', { name: 'Gérer mon inventaire' })).toHaveAttribute('href', '/inventory?account=5100204');
    await menu.getByRole('link', { name: "Afficher l'historique des commandes" }).click();
    await expect(page.getByTestId('context-account')).toContainText('5100204');
    await expect(page).toHaveURL(/\/orders\?account=5100204$/);
    await expect(page.getByTestId('order-row').first()).toBeVisible();
    const accounts = await page.getByTestId('order-row').locator('td').filter({ hasText: /^\d{7} – / }).allTextContents();
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) expect(account).toMatch(/^5100204 – /);
    await menu.getByRole('link', { name: 'Gérer mon inventaire' }).click();
    await expect(page).toHaveURL(/\/inventory\?account=5100204$/);
  });

  test('a bookmarked address naming an account keeps it on every menu link, from any page of that account', async ({ page }) => {
    await page.goto('/inventory?account=5100205');
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    await expect(menu.getByRole('link', { name: "Afficher l'historique des commandes" })).toHaveAttribute('href', '/orders?account=5100205');
    // An order's page and a line's history carry their own account.
    await page.goto('/orders/8800217');
    await expect(menu.getByRole('link', { name: 'Gérer mon inventaire' })).toHaveAttribute('href', /account=5100205$/);
  });
});

test.describe('the account selector (account viewer)', () => {
  test.use(sessionOf('viewerFr'));

  test('goes back to the page it was opened from', async ({ page }) => {
    await page.goto('/orders?account=5100203');
    await page.getByRole('link', { name: 'Changer de compte' }).click();
    await expect(page).toHaveURL(/\/accounts\?return=%2Forders$/);
    await page.getByRole('button', { name: /^Sélectionner le compte d'achats 5100204/ }).click();
    await expect(page).toHaveURL(/\/orders\?account=5100204$/);
    await expect(page.getByRole('heading', { level: 1, name: "Afficher l'historique des commandes" })).toBeVisible();

    await page.goto('/inventory/benefits?account=5100204');
    await page.getByRole('link', { name: 'Changer de compte' }).click();
    await page.getByRole('button', { name: /^Sélectionner le compte d'achats 5100203/ }).click();
    await expect(page).toHaveURL(/\/inventory\/benefits\?account=5100203$/);
  });

  test('never goes anywhere but one of its pages', async ({ page }) => {
    await page.goto('/accounts?return=https%3A%2F%2Fevil.example%2F');
    await page.getByRole('button', { name: /^Sélectionner le compte d'achats 5100203/ }).click();
    await expect(page).toHaveURL(/\/inventory\?account=5100203$/);
  });
});

test.describe('plain links for a partner user', () => {
  test.use(sessionOf('partnerFr'));

  test('an order, a line or an account it serves opens in its customer’s context', async ({ page }) => {
    await page.goto('/orders/8800201');
    await expect(page).toHaveURL(/\/orders\/8800201\?customer=1000201$/);
    await expect(page.getByText('Vous travaillez pour le client Fabrikam Industries SA (1000201)')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('8800201');

    await page.goto('/inventory?account=5100201&expand=all');
    await expect(page).toHaveURL(/\/inventory\?customer=1000201&account=5100201&expand=all$/);
    await expect(page.getByTestId('context-account')).toContainText('5100201');
    const history = await page.locator('a[href^="/inventory/history/"]').first().getAttribute('href');
    const line = /\/inventory\/history\/(\d+)/.exec(history ?? '')?.[1];
    await page.goto(`/inventory?line=${line}`);
    await expect(page).toHaveURL(new RegExp(`/inventory\\?customer=1000201&line=${line}$`));
    await page.goto(`/inventory/history/${line}`);
    await expect(page).toHaveURL(new RegExp(`/inventory/history/${line}\\?customer=1000201$`));
    await expectAccessible(page);
  });

  test('what it does not serve is a 404, as for what does not exist', async ({ page }) => {
    // 8800214 and 5100204 are Adatum's (partner of record), not Northwind's.
    for (const path of ['/orders/8800214', '/orders/0000000', '/inventory?account=5100204']) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    // A line no longer there in an account it serves: the account's inventory, saying so (in that customer's context).
    expect((await page.goto('/inventory?account=5100101&line=999999'))?.status()).toBe(200);
    await expect(page).toHaveURL(/\/inventory\?customer=1000101&account=5100101&line=999999$/);
    await expect(page.getByTestId('line-gone')).toBeVisible();
  });

  test('speaks to the partner on the report and on self-provisioned lines', async ({ page }) => {
    await page.goto('/reports?customer=1000201');
    await expect(page.getByTestId('report-intro')).toContainText('Commandez la quantité à commander pour ce client');
    await page.goto('/inventory?customer=1000201&account=5100201&expand=all');
    await expect(page.getByTestId('self-provisioned').first()).toContainText('commandez-les pour ce client');
  });
});

test('a partner signed out follows an order link through sign-in to the order, in its customer’s context', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/orders/8800201');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Forders%2F8800201/);
  await page.getByLabel('Adresse e-mail').fill(USERS.partnerFr);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/orders\/8800201\?customer=1000201$/);
  await expect(page.getByText('Vous travaillez pour le client Fabrikam Industries SA (1000201)')).toBeVisible();
  await context.close();
});

test.describe('the inventory in its own words (customer administrator)', () => {
  test.use(sessionOf('adminFr'));

  test('the packages view lists its sections under Parcourir', async ({ page }) => {
    await page.goto('/inventory?account=5100205&packages=1');
    const browse = page.getByTestId('browse');
    await expect(browse.getByRole('link')).toHaveText(['Produits', 'Packages']);
    await browse.getByRole('link', { name: 'Packages' }).click();
    await expect(page).toHaveURL(/#section-packages$/);
  });

  test('Azure and developer subscriptions are summarised in their own words', async ({ page }) => {
    await page.goto('/inventory?account=5100202');
    const row = (name: string) => page.getByTestId('product-row').filter({ has: page.getByRole('heading', { name, exact: true }) }).getByTestId('product-totals');
    await expect(row('Microsoft Azure (Enterprise Agreement)')).toHaveText('2 abonnements à la plateforme cloud');
    await expect(row('Visual Studio Professional avec MSDN')).toHaveText('50 abonnements pour développeurs');
    await expect(row('SQL Server')).toContainText('SA');
  });

  test('help tips say what the guide says', async ({ page }) => {
    await page.goto('/inventory?account=5100202&expand=all');
    await expect(page.getByRole('tooltip', { includeHidden: true }).filter({ hasText: 'Contrat de produits et services Microsoft (MPSA)' }).first()).toBeAttached();
    await page.goto('/reports');
    await expect(page.getByRole('tooltip', { includeHidden: true }).filter({ hasText: 'Nombre total de postes ou de licences à votre disposition.' })).toHaveCount(1);
    await expect(page.getByRole('tooltip', { includeHidden: true }).filter({ hasText: 'que votre partenaire a commandés' })).toHaveCount(1);
  });
});

test.describe('the Aide page', () => {
  test.use(sessionOf('adminFr'));

  test('is in the top bar and gives the quick starts', async ({ page }) => {
    await page.goto('/inventory?account=5100201');
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Aide' }).click();
    await expect(page).toHaveURL(/\/help$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Aide' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText([
      'Inventaire et recherche',
      'Développer un produit et afficher les packages',
      "L'historique d'une ligne",
      'Les avantages de Software Assurance',
      'Les abonnements MSDN et Azure',
      'Ce qui expire bientôt',
      "L'historique des commandes et le numéro du bon de commande",
      'Le rapport des services en ligne non payés',
      'Configurer des services en ligne',
      'Les personnes et la sécurité',
      "L'espace partenaire et l'enregistrement des commandes",
      "Les avis d'expiration et l'agenda",
      "Choisir un compte d'achats",
    ]);
    await expectAccessible(page);
  });
});

test.describe('the Help page in English', () => {
  test.use(sessionOf('partnerEn'));

  test('speaks English and has a word for partners', async ({ page }) => {
    await page.goto('/help');
    await expect(page.getByRole('heading', { level: 1, name: 'Help' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'What expires soon' })).toBeVisible();
    await expect(page.getByText('Partners: first choose the customer')).toBeVisible();
    await expectAccessible(page);
  });
});
