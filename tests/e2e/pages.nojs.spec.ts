/** The same pages and forms with JavaScript switched off: everything must still work. */
import { expect, test } from '@playwright/test';
import { expectAccessibleWithoutJs, sessionOf, smallTapTargets, undersizedTargets } from './support';
import { PASSWORD, USERS } from './users';

test('sign-in works without JavaScript, errors included', async ({ page, browser }) => {
  await page.goto('/inventory');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finventory/);
  await page.getByLabel('Adresse e-mail').fill(USERS.singleAccount);
  await page.getByLabel('Mot de passe').fill('wrong password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await expectAccessibleWithoutJs(page, browser);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  await expect(page.getByTestId('context-account')).toContainText('5100101');
});

test.describe('customer administrator without JavaScript', () => {
  test.use(sessionOf('adminFr'));

  test('the selector is a plain GET form and choosing an account works', async ({ page, browser }) => {
    test.slow(); // two navigations and two accessibility scans
    await page.goto('/accounts');
    await page.getByLabel('Rechercher dans').selectOption('location');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('Montréal');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page).toHaveURL(/field=location&term=Montr%C3%A9al/);
    await expect(page.locator('#account-results tbody tr td:first-child')).toHaveText(['5100201', '5100202']);
    await expectAccessibleWithoutJs(page, browser);
    await page.getByRole('button', { name: /5100202/ }).click();
    await expect(page).toHaveURL(/\/inventory\?account=5100202$/);
    await expect(page.getByTestId('context-account')).toContainText('5100202');
    await expectAccessibleWithoutJs(page, browser);
  });

  test('the inventory page renders without JavaScript', async ({ page, browser }) => {
    await page.goto('/inventory?account=5100201');
    await expect(page.getByRole('heading', { level: 1, name: 'Licences et services' })).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);
  });
});

test.describe('partner without JavaScript', () => {
  test.use(sessionOf('partnerFr'));

  test('workspace', async ({ page, browser }) => {
    await page.goto('/partner');
    await expect(page.getByRole('heading', { level: 1, name: 'Espace partenaire' })).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);
  });
});

test.describe('inventory without JavaScript', () => {
  test.use(sessionOf('viewerFr'));

  test('expand one and all, show packages, search, history', async ({ page, browser }) => {
    test.slow(); // a whole flow with three accessibility scans
    await page.goto('/inventory?account=5100203');
    const proPlus = page.getByTestId('product-row').filter({ has: page.getByRole('heading', { name: 'Office Professionnel Plus', exact: true }) });
    await proPlus.getByRole('link', { name: 'Développer Office Professionnel Plus' }).click();
    await expect(proPlus.getByTestId('inventory-line')).toHaveCount(2);
    await expectAccessibleWithoutJs(page, browser);

    await page.getByTestId('expand-all').click();
    await expect(page).toHaveURL(/expand=all/);
    await expect(page.locator('[data-testid=product-row] table')).toHaveCount(await page.getByTestId('product-row').count());

    await page.getByLabel('Afficher les packages').check();
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await expect(page).toHaveURL(/packages=1/);
    await expect(page.getByRole('heading', { level: 3, name: 'Package : Enterprise CAL Suite' })).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);

    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('standard');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page).toHaveURL(/q=standard/);
    await expect(page.getByTestId('product-row').first()).toBeVisible();

    await page.goto('/inventory?account=5100203&expand=all');
    await page.getByTestId('inventory-line').first().getByRole('link', { name: /^Afficher l'historique/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Historique : / })).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);
  });
});

// Without JavaScript some controls exist only then (the inventory's "Appliquer", the order form's server-side rows):
// on a phone each is a 24 × 24 px target too, as are the pages one reaches signed out.
for (const [role, urls] of [
  ['adminFr', ['/inventory?account=5100201&expand=all', '/online-services/setup?account=5100201', '/reports', '/orders?account=all', '/account/users/new']],
  ['partnerFr', ['/partner/orders/new?customer=1000201', '/partner']],
  [null, ['/sign-in', '/forgot-password']],
] as const) {
  test.describe(`tap targets on a phone without JavaScript (${role ?? 'signed out'})`, () => {
    test.use({ ...(role ? sessionOf(role) : {}), viewport: { width: 390, height: 844 } });

    test('each is at least 24 × 24 px', async ({ page }) => {
      for (const url of urls) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 }), url).toBeVisible();
        expect(await smallTapTargets(page), url).toEqual([]);
        expect(await undersizedTargets(page), url).toEqual([]);
      }
    });
  });
}
