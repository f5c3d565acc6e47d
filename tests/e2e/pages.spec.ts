/**
 * Every page once per language, with the accessibility scan. (Full flows run
 * once, in French with JavaScript, in the other specs; pages.nojs.spec.ts
 * repeats the pages without JavaScript.)
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, sessionOf } from './support';

const languages = [
  { name: 'French', admin: 'adminFr', partner: 'partnerFr', inventory: 'Licences et services', selector: "Sélectionner un compte d'achats", workspace: 'Espace partenaire', signIn: 'Se connecter', menu: "Afficher l'historique des commandes", columns: ['ÉDITION', 'NOMBRE DE LICENCES', 'ABONNEMENTS DISPONIBLES', 'PROCHAINE EXPIRATION', 'ACTIONS'] },
  { name: 'English', admin: 'adminEn', partner: 'partnerEn', inventory: 'Licenses and services', selector: 'Select a purchase account', workspace: 'Partner workspace', signIn: 'Sign in', menu: 'View order history', columns: ['EDITION', 'LICENSE COUNT', 'AVAILABLE SUBSCRIPTIONS', 'NEXT EXPIRATION', 'ACTIONS'] },
] as const;

for (const language of languages) {
  test.describe(`${language.name} pages`, () => {
    test.describe('customer administrator', () => {
      test.use(sessionOf(language.admin));

      test('inventory', async ({ page }) => {
        await page.goto('/inventory?account=5100201&expand=all');
        await expect(page.getByRole('heading', { level: 1, name: language.inventory })).toBeVisible();
        for (const label of language.columns) await expect(page.getByRole('columnheader', { name: label }).first()).toBeVisible();
        await expect(page.getByRole('navigation', { name: language.name === 'French' ? 'Menu principal' : 'Main menu' }).getByRole('link', { name: language.menu })).toBeVisible();
        await expectAccessible(page);
      });

      test('account selector', async ({ page }) => {
        await page.goto('/accounts');
        await expect(page.getByRole('heading', { level: 1, name: language.selector })).toBeVisible();
        await expectAccessible(page);
      });

      test('line history', async ({ page }) => {
        await page.goto('/inventory?account=5100201&expand=all');
        await page.getByTestId('inventory-line').first().getByRole('link').first().click();
        await expect(page.getByTestId('history-table')).toBeVisible();
        await expectAccessible(page);
      });

      test('not found', async ({ page }) => {
        const response = await page.goto('/inventory?account=0000000');
        expect(response?.status()).toBe(404);
        await expectAccessible(page);
      });
    });

    test.describe('partner user', () => {
      test.use(sessionOf(language.partner));

      test('partner workspace', async ({ page }) => {
        await page.goto('/partner');
        await expect(page.getByRole('heading', { level: 1, name: language.workspace })).toBeVisible();
        await expectAccessible(page);
      });
    });

    test.describe('signed out, language from the browser', () => {
      test.use({ locale: language.name === 'French' ? 'fr-FR' : 'en-US' });

      test('sign-in', async ({ page }) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('heading', { level: 1, name: language.signIn })).toBeVisible();
      await expectAccessible(page);
      });
    });
  });
}

test.describe('language switch', () => {
  test.use(sessionOf('viewerEn'));

  test('is stored on the user and comes back to the same page', async ({ page, browser }) => {
    await page.goto('/accounts?field=location&term=lyon');
    await expect(page.getByRole('heading', { level: 1, name: 'Select a purchase account' })).toBeVisible();
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page).toHaveURL(/\/accounts\?field=location&term=lyon$/);
    await expect(page.getByRole('heading', { level: 1, name: "Sélectionner un compte d'achats" })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    // Stored on the user: another browser with an English Accept-Language still gets French.
    const other = await browser.newContext({ storageState: 'tests/.auth/viewerEn.json', locale: 'en-US' });
    const otherPage = await other.newPage();
    await otherPage.goto('/accounts');
    await expect(otherPage.getByRole('heading', { level: 1, name: "Sélectionner un compte d'achats" })).toBeVisible();
    await other.close();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Select a purchase account' })).toBeVisible();
  });
});
