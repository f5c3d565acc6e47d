import { expect, test } from '@playwright/test';
import { sessionOf } from './support';

const resultNumbers = (page: import('@playwright/test').Page) => page.locator('#account-results tbody tr td:first-child');

test.describe('purchase account selector (customer administrator, French, JavaScript on)', () => {
  test.use(sessionOf('adminFr'));

  test('each of the five fields finds accounts, and criteria combine', async ({ page }) => {
    await page.goto('/accounts');
    await expect(page.getByRole('heading', { name: "Sélectionner un compte d'achats" })).toBeVisible();
    const all = await resultNumbers(page).count();
    expect(all).toBeGreaterThanOrEqual(6);

    const search = async (field: string, term: string) => {
      await page.getByLabel('Rechercher dans').selectOption({ label: field });
      await page.getByRole('searchbox', { name: 'Rechercher' }).fill(term);
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    };

    // Name: start of a word, any case, without accents.
    await search("Nom du compte d'achats", 'geneve');
    await expect(resultNumbers(page)).toHaveText(['5100205', '5100206']);

    // Combined with a second criterion: the first stays in the URL.
    await search('Numéro du compte d’achats'.replace('’', "'"), '5100206');
    await expect(page).toHaveURL(/name=geneve/);
    await expect(resultNumbers(page)).toHaveText(['5100206']);
    await page.getByRole('link', { name: 'Effacer tous les critères' }).first().click();
    await expect(resultNumbers(page)).toHaveCount(all);

    await search('Lieu', 'montreal');
    await expect(resultNumbers(page)).toHaveText(['5100201', '5100202']);
    await page.getByRole('link', { name: 'Effacer tous les critères' }).first().click();
    // Wait for the cleared list: a search typed before it arrives would still carry the old criterion.
    await expect(resultNumbers(page)).toHaveCount(all);

    await search('Numéro de contrat', '7600202');
    await expect(page).toHaveURL(/field=agreement&term=7600202/);
    // The URL changes before the new results replace the old ones: wait for the filtered list itself.
    await expect
      .poll(async () => {
        const count = await resultNumbers(page).count();
        return count > 0 && count < all;
      })
      .toBe(true);
    await page.getByRole('link', { name: 'Effacer tous les critères' }).first().click();
    await expect(resultNumbers(page)).toHaveCount(all);

    await search("Nom d'entité légal du client", 'fab');
    await expect(resultNumbers(page)).toHaveCount(all);
    await search("Nom d'entité légal du client", 'contoso');
    await expect(page.getByText('Aucun compte d\'achats ne correspond à ces critères.')).toBeVisible();
  });

  test('typing narrows the list, and the keyboard alone picks a result', async ({ page }) => {
    await page.goto('/accounts');
    await page.getByLabel('Rechercher dans').selectOption('location');
    const box = page.getByRole('searchbox', { name: 'Rechercher' });
    await box.pressSequentially('lyo', { delay: 30 });
    await expect(page).toHaveURL(/term=lyo/);
    await expect(resultNumbers(page)).toHaveText(['5100203', '5100204']);
    await box.press('ArrowDown');
    await expect(page.getByRole('button', { name: /5100203/ })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('button', { name: /5100204/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/inventory\?account=5100204$/);
    await expect(page.getByTestId('context-account')).toContainText('5100204');
  });

  test('choosing another customer’s account through a tampered form is a 404 and remembers nothing', async ({ page }) => {
    await page.goto('/accounts');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: /5100201/ }) });
    await form.locator('input[name=account]').evaluate((input: HTMLInputElement) => (input.value = '5100101'));
    await form.getByRole('button').click();
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
    // The action itself refuses: it does not go on to the inventory of that account.
    await expect(page).toHaveURL(/\/accounts$/);
    await expect(page.locator('body')).not.toContainText('Contoso');
  });

  test('an account number outside the grants is a 404 that reveals nothing', async ({ page }) => {
    const response = await page.goto('/inventory?account=5100101');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Contoso');
    const missing = await page.goto('/inventory?account=9999999');
    expect(missing?.status()).toBe(404);
  });
});

test.describe('an account viewer', () => {
  test.use(sessionOf('viewerFr'));

  test('sees only the accounts of the grant', async ({ page }) => {
    await page.goto('/accounts');
    await expect(resultNumbers(page)).toHaveText(['5100203', '5100204']);
    const response = await page.goto('/inventory?account=5100201');
    expect(response?.status()).toBe(404);
  });
});

test.describe('a partner user', () => {
  test.use(sessionOf('partnerFr'));

  test('chooses a customer, then only that customer’s accounts it serves', async ({ page }) => {
    await page.goto('/inventory');
    await expect(page).toHaveURL(/\/partner$/);
    await page.getByRole('link', { name: 'Travailler pour Fabrikam Industries SA' }).click();
    await expect(page).toHaveURL(/customer=1000201/);
    await expect(page.getByText('Vous travaillez pour le client Fabrikam Industries SA (1000201)')).toBeVisible();
    await page.goto('/accounts?customer=1000201');
    const numbers = await resultNumbers(page).allTextContents();
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).not.toContain('5100101');
    // A customer the partner does not serve is a 404.
    const response = await page.goto('/inventory?customer=9999999');
    expect(response?.status()).toBe(404);
  });
});
