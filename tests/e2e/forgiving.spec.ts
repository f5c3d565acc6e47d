/**
 * What forgives a person: a link to a line that an import removed opens the
 * account's inventory saying so; a page not found is a page of the portal
 * (menu, language, the person's menu, its own title, a way back); a search
 * that finds nothing suggests the closest of the viewer's own products; a
 * reversed date range says so. Read only, on the main server, French and
 * English. The fixed test "today" is 2026-11-24.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, sessionOf } from './support';

test.describe('customer administrator (French)', () => {
  test.use(sessionOf('adminFr'));

  test('a link to a line no longer there opens the account’s inventory and says so', async ({ page }) => {
    const response = await page.goto('/inventory?account=5100201&line=99999');
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId('line-gone')).toHaveText(
      "La ligne demandée n'est plus dans cet inventaire : une mise à jour des données l'a retirée ou remplacée. Voici l'inventaire tel qu'il est aujourd'hui.",
    );
    await expect(page.getByTestId('context-account')).toContainText('5100201');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
    // Without an account, every account's inventory.
    expect((await page.goto('/inventory?line=99999'))?.status()).toBe(200);
    await expect(page.getByTestId('line-gone')).toBeVisible();
  });

  test('a page not found is a page of the portal, with its own title and a way back', async ({ page }) => {
    const response = await page.goto('/orders/0000000');
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle('Page introuvable · License Desk');
    await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).first()).toBeAttached();
    await expect(page.getByRole('button', { name: 'English' }).first()).toBeAttached();
    await expect(page.getByText('Camille Martin ▾').first()).toBeAttached();
    await expectAccessible(page);
    // It says what was asked for, and leads to the nearest list that still makes sense.
    await expect(page.getByTestId('not-found-what')).toHaveText(/^La commande 0000000 n'est pas parmi les commandes que vous pouvez voir\s: /);
    await page.getByTestId('not-found').getByRole('link', { name: 'Voir les commandes' }).click();
    await expect(page).toHaveURL(/\/orders$/);
    expect((await page.goto('/inventory?account=5199999'))?.status()).toBe(404);
    await expect(page.getByTestId('not-found-what')).toHaveText(/^Le compte d'achats 5199999 n'est pas parmi les comptes que vous pouvez voir\s: /);
    await page.getByTestId('not-found').getByRole('link', { name: "Choisir un compte d'achats" }).click();
    await expect(page).toHaveURL(/\/accounts$/);
    await page.goto('/orders/0000000');
    await page.getByTestId('not-found').getByRole('link', { name: "Retour à l'inventaire" }).click();
    await expect(page).toHaveURL(/\/inventory/);
    // The title is the 404's, not the one of the page that was asked for.
    await page.goto('/inventory/history/99999999');
    await expect(page).toHaveTitle('Page introuvable · License Desk');
    await expect(page.getByTestId('not-found-what')).toHaveText(/^Cette ligne n'est plus dans votre inventaire\s: /);
  });

  test('a search that finds nothing suggests the closest of the viewer’s own products', async ({ page }) => {
    await page.goto('/inventory?account=all&q=professionel');
    // The closest first (one letter), then what is also close (Visual Studio Professional, one letter too).
    await expect(page.getByTestId('did-you-mean')).toHaveText(/^Vouliez-vous dire\s: Office Professionnel Plus(, [^,?]+)*\s\?$/);
    await expectAccessible(page);
    await page.getByTestId('did-you-mean').getByRole('link', { name: 'Office Professionnel Plus' }).click();
    await expect(page.getByTestId('product-count')).not.toContainText('Aucun');
    await page.goto('/inventory?account=all&q=zzzzqqq');
    await expect(page.getByTestId('did-you-mean')).toHaveCount(0);
  });

  test('a reversed date range says so, with the range the other way round', async ({ page }) => {
    await page.goto('/orders?account=all&from=2026-06-30&to=2026-01-01');
    await expect(page.getByTestId('orders-reversed')).toContainText('est après la date « Au »');
    await page.getByRole('link', { name: /^Chercher du/ }).click();
    await expect(page).toHaveURL(/from=2026-01-01&to=2026-06-30/);
    await expect(page.getByTestId('orders-reversed')).toHaveCount(0);
    await page.goto('/account/activity?from=2026-11-30&to=2026-11-01');
    await expect(page.getByTestId('activity-reversed')).toContainText('est après la date « Au »');
  });

  test('people are found by any part of the name or address, case and accents aside; nothing found repeats the search and clears it', async ({ page }) => {
    await page.goto('/account/users');
    await page.getByLabel('Rechercher une personne').fill('CAMILLE');
    await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/\/account\/users\?q=CAMILLE$/);
    await expect(page.getByTestId('person-row')).toHaveCount(1);
    await expect(page.getByTestId('person-row')).toContainText('camille.martin@fabrikam.example');
    await expect(page.getByLabel('Rechercher une personne')).toHaveValue('CAMILLE');
    await page.goto('/account/users?q=zzz');
    await expect(page.getByTestId('people-empty')).toContainText(/^Personne ne correspond à «\szzz\s»\./);
    await expectAccessible(page);
    await page.getByTestId('people-empty').getByRole('link', { name: 'Effacer la recherche' }).click();
    await expect(page).toHaveURL(/\/account\/users$/);
    await expect(page.getByTestId('person-row').first()).toBeVisible();
  });
});

test.describe('partner user (French)', () => {
  test.use(sessionOf('partnerFr'));

  test('a search among the customers served that finds nothing repeats it and offers to clear it', async ({ page }) => {
    await page.goto('/partner?q=zzz&sort=unpaid');
    await expect(page.getByTestId('customers-empty')).toContainText(/^Aucun client ne correspond à «\szzz\s»\./);
    await page.getByTestId('customers-empty').getByRole('link', { name: 'Effacer la recherche' }).click();
    await expect(page).toHaveURL(/\/partner\?sort=unpaid$/);
    await expect(page.getByTestId('customer-row').first()).toBeVisible();
  });
});

test.describe('in English', () => {
  test.use(sessionOf('adminEn'));

  test('a page not found has its own title and the menu', async ({ page }) => {
    expect((await page.goto('/orders/0000000'))?.status()).toBe(404);
    await expect(page).toHaveTitle('Page not found · License Desk');
    await expect(page.getByRole('button', { name: 'Français' }).first()).toBeAttached();
    await page.goto('/inventory?account=all&q=professionel');
    await expect(page.getByTestId('did-you-mean')).toHaveText(/^Did you mean: Office Professional Plus(, [^,?]+)*\?$/);
  });
});
