/**
 * Compte → Afficher l'historique des commandes: the list, one order expanded,
 * the deep link through sign-in, 404s and the partner's reach. The orders are
 * those of fixtures/demo.ts, dated from the fixed test "today" 2026-11-24.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, sessionOf } from './support';
import { PASSWORD, USERS } from './users';

/** The orders of account 5100201 (Fabrikam Montréal – Siège), newest first: number, date, PO number. */
const MONTREAL_HQ_ORDERS = [
  ['8800208', '25/10/2026', 'FAB-MTL-0561'],
  ['8800207', '26/08/2026', null],
  ['8800206', '27/07/2026', 'FAB-MTL-0503'],
  ['8800205', '27/06/2026', 'FAB-MTL-0488'],
  ['8800204', '08/05/2026', 'FAB-MTL-0459'],
  ['8800202', '19/03/2026', 'FAB-MTL-0437'],
  ['8800201', '28/01/2026', 'FAB-MTL-0412'],
] as const;

const orderNumbers = (page: Page) => page.getByTestId('order-row').locator('td:first-child');

test.describe('order history (customer administrator, French)', () => {
  test.use(sessionOf('adminFr'));

  test('lists the orders of an account, newest first, with their PO numbers', async ({ page }) => {
    await page.goto('/orders?account=5100201');
    await expect(page.getByRole('heading', { level: 1, name: "Afficher l'historique des commandes" })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: "Afficher l'historique des commandes" })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('context-account')).toContainText('5100201');
    await expect(page.getByTestId('orders-table').locator('thead th')).toHaveText([
      'NUMÉRO DE COMMANDE',
      'DATE',
      'STATUT',
      'PARTENAIRE',
      "COMPTE D'ACHATS",
      // With its help tip (the visible "?" and the tip read with it).
      "NUMÉRO DU BON DE COMMANDE DU CLIENT?Anciennement le numéro de bon de commande secondaire : la référence que vous avez donnée à votre partenaire pour cette commande.",
      'ARTICLES',
    ]);
    await expect(page.getByTestId('order-count')).toHaveText('7 commandes');
    await expect(orderNumbers(page)).toHaveText(MONTREAL_HQ_ORDERS.map(([number]) => number));
    await expect(page.getByTestId('order-row').locator('td:nth-child(2)')).toHaveText(MONTREAL_HQ_ORDERS.map(([, date]) => date));
    await expect(page.getByTestId('order-row').locator('td:nth-child(6)')).toHaveText(MONTREAL_HQ_ORDERS.map(([, , po]) => po ?? /^—/));
    const latest = page.getByTestId('order-row').first();
    await expect(latest.locator('td')).toHaveText(['8800208', '25/10/2026', 'Terminée', 'Northwind Partenaires', '5100201 – Fabrikam Montréal – Siège', 'FAB-MTL-0561', '1']);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Afficher les commandes de tous les comptes' }).click();
    await expect(page).toHaveURL(/\/orders\?account=all$/);
    await expect(page.getByTestId('order-count')).toHaveText('17 commandes');
    // The newest order of Fabrikam is R&D's, three days old and not yet processed.
    await expect(page.getByTestId('order-row').first().locator('td')).toHaveText(['8800220', '21/11/2026', 'Soumise', 'Northwind Partenaires', '5100202 – Fabrikam Montréal – R&D', 'FAB-RND-0102', '1']);
    await expect(orderNumbers(page)).toContainText(['8800219', '8800214']);
    await expect(orderNumbers(page)).not.toContainText(['8800101']);
    await expectAccessible(page);
  });

  test('opens an order into its header, information and items', async ({ page }) => {
    await page.goto('/orders?account=5100201');
    await page.getByRole('link', { name: 'Développer la commande 8800202' }).click();
    await expect(page).toHaveURL(/\/orders\/8800202$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Commande 8800202' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Entête de la commande', 'Informations sur la commande', 'Articles de la commande']);

    const header = page.getByTestId('order-header');
    await expect(header.locator('dt')).toContainText(['NUMÉRO DE COMMANDE', 'STATUT', 'PARTENAIRE', "NUMÉRO DU COMPTE D'ACHATS", 'NUMÉRO DU BON DE COMMANDE DU CLIENT']);
    await expect(header.locator('dd')).toContainText(['8800202', '19/03/2026', 'Terminée', 'Northwind Partenaires', 'licences@northwind.example', '+1 514 555 0142', '5100201', 'Fabrikam Montréal – Siège']);
    await expect(page.getByTestId('customer-po-number')).toHaveText('FAB-MTL-0437');

    const information = page.getByTestId('order-information');
    await expect(information.locator('dd')).toContainText(['7600201', 'CAD', 'Fabrikam Industries SA – Comptabilité fournisseurs', 'Fabrikam Montréal – Siège']);
    await expect(information).toContainText('800, rue Sherbrooke Ouest');

    const items = page.getByTestId('order-item');
    await expect(items).toHaveCount(1);
    await expect(items.first().locator('td')).toHaveText(['1', 'Windows Server', 'Datacenter', '2022', 'Par cœur', '16', 'Oui', '—', /^845,25\s\$CA$/, /^13\s524,00\s\$CA$/]);
    await expectAccessible(page);

    await page.getByRole('link', { name: "Retour à l'historique des commandes" }).click();
    await expect(page).toHaveURL(/\/orders\?account=5100201$/);
    await expect(orderNumbers(page)).toHaveCount(MONTREAL_HQ_ORDERS.length);
  });

  test('an order without a PO number or a price says so; a subscription shows its term', async ({ page }) => {
    await page.goto('/orders/8800207');
    await expect(page.getByTestId('customer-po-number')).toHaveText('Non renseigné');
    await expect(page.getByTestId('order-item').locator('td:nth-last-child(2)')).toHaveText('Non indiqué');
    await expect(page.getByTestId('order-item').locator('td:last-child')).toHaveText('—');
    await expect(page.getByTestId('order-total')).toContainText('Aucun prix indiqué');
    await page.goto('/orders/8800217');
    await expect(page.getByTestId('order-item').locator('td:nth-child(2)')).toHaveText(['Office 365 E3', 'Enterprise Mobility + Security E3']);
    await expect(page.getByTestId('order-item').locator('td:nth-child(8)')).toHaveText(['12 mois', '12 mois']);
    await expect(page.getByTestId('order-item').locator('td:nth-last-child(2)')).toHaveText([/^25,80\sCHF$/, /^10,40\sCHF$/]);
    await expectAccessible(page);
  });

  test('the history of a line links to the order behind it', async ({ page }) => {
    await page.goto('/inventory?account=5100201&q=datacenter&expand=all');
    await page.getByTestId('inventory-line').first().getByRole('link', { name: /^Afficher l'historique/ }).click();
    await page.getByTestId('history-table').getByRole('link', { name: '8800202' }).click();
    await expect(page).toHaveURL(/\/orders\/8800202$/);
    await expect(page.getByTestId('customer-po-number')).toHaveText('FAB-MTL-0437');
  });

  test('another customer’s order, an unknown one and a malformed page are answered like a missing page', async ({ page }) => {
    for (const url of ['/orders/8800101', '/orders/9999999', '/orders?account=5100101']) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
      expect(await page.content(), url).not.toContain('Contoso');
      await expectAccessible(page);
    }
    const fallback = await page.goto('/orders?account=5100201&page=abc');
    expect(fallback?.status()).toBe(200);
    await expect(page.getByRole('status').filter({ hasText: "Un paramètre de l'adresse n'était pas valide" })).toBeVisible();
  });
});

test.describe('searching the order history (customer administrator, French)', () => {
  test.use(sessionOf('adminFr'));

  const search = async (page: Page, fields: Record<string, string>) => {
    await page.goto('/orders?account=5100201');
    const form = page.getByRole('search', { name: 'Rechercher des commandes' });
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/[?&](number|po|product|from|to)=/);
  };

  test('by each field and their combination, kept in the URL, with an export of what is shown', async ({ page }) => {
    await search(page, { 'Numéro de commande': '8800202' });
    await expect(orderNumbers(page)).toHaveText(['8800202']);
    await expect(page.getByRole('search').getByLabel('Numéro de commande', { exact: true })).toHaveValue('8800202');

    await search(page, { 'Numéro du bon de commande du client': 'mtl-04' });
    await expect(orderNumbers(page)).toHaveText(['8800205', '8800204', '8800202', '8800201']);

    await search(page, { Produit: 'windows server' });
    await expect(orderNumbers(page)).toContainText(['8800202']);

    await search(page, { Du: '2026-06-01', Au: '2026-08-31' });
    await expect(orderNumbers(page)).toHaveText(['8800207', '8800206', '8800205']);

    await search(page, { 'Numéro du bon de commande du client': 'FAB-MTL', Du: '2026-06-01' });
    await expect(orderNumbers(page)).toHaveText(['8800208', '8800206', '8800205']);
    await expect(page).toHaveURL(/account=5100201/);
    await expectAccessible(page);

    // The export holds the items of exactly these orders, with their order's fields.
    const exportHref = (await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href'))!;
    expect(exportHref).toMatch(/^\/orders\/export\?account=5100201&po=FAB-MTL&from=2026-06-01$/);
    const csv = await (await page.request.get(exportHref)).text();
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header!.split(';').slice(0, 3)).toEqual(['NUMÉRO DE COMMANDE', 'DATE', 'STATUT']);
    expect([...new Set(rows.map((row) => row.split(';')[0]))]).toEqual(['8800208', '8800206', '8800205']);

    await search(page, { 'Numéro de commande': 'zzz' });
    await expect(page.getByTestId('orders-empty')).toContainText(/Aucune commande ne correspond à\s: Numéro de commande «\szzz\s»\./);
    await page.getByTestId('orders-empty').getByRole('link', { name: 'Effacer les filtres' }).click();
    await expect(page).toHaveURL(/\/orders\?account=5100201$/);
    await expect(orderNumbers(page)).toHaveCount(MONTREAL_HQ_ORDERS.length);
  });

  test('the customer PO number column says what it used to be called', async ({ page }) => {
    await page.goto('/orders?account=5100201');
    await expect(page.getByRole('tooltip', { includeHidden: true }).filter({ hasText: 'Anciennement le numéro de bon de commande secondaire' })).toHaveCount(1);
  });

  test('an item leads to its inventory line, and the order’s link is shown and copied', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/orders/8800202');
    await expect(page.getByTestId('order-link').getByRole('link')).toHaveText(`${baseURL}/orders/8800202`);
    await page.getByRole('button', { name: 'Copier le lien' }).click();
    await expect(page.getByRole('button', { name: 'Lien copié' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/orders/8800202`);

    await page.getByRole('link', { name: "Voir la ligne Windows Server dans l'inventaire" }).click();
    await expect(page).toHaveURL(/\/inventory\?account=5100201&line=(\d+)#line-\d+$/);
    const line = /line=(\d+)/.exec(page.url())![1]!;
    await expect(page.locator(`#line-${line}`)).toContainText('Datacenter');
  });
});

test.describe('a deep link to an order, signed out', () => {
  test('goes through sign-in and comes back to the order', async ({ page }) => {
    await page.goto('/orders/8800202');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expectAccessible(page);
    await page.getByLabel('Adresse e-mail').fill(USERS.adminFr);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    // Wait for the server action's answer: React resets the form when it lands.
    await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await expect(page).toHaveURL(/\/orders\/8800202$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Entête de la commande' })).toBeVisible();
    await expect(page.getByTestId('customer-po-number')).toHaveText('FAB-MTL-0437');
    await expectAccessible(page);
  });
});

test.describe('a partner user', () => {
  test.use(sessionOf('partnerFr'));

  test('sees only the orders of the accounts it serves, and links keep the customer', async ({ page }) => {
    await page.goto('/orders?customer=1000201&account=all');
    await expect(page.getByRole('heading', { level: 1, name: "Afficher l'historique des commandes" })).toBeVisible();
    const numbers = await orderNumbers(page).allTextContents();
    expect([...numbers].sort()).toEqual(['8800201', '8800202', '8800204', '8800205', '8800206', '8800207', '8800208', '8800210', '8800211', '8800212', '8800213', '8800216', '8800217', '8800220']);
    await expect(page.getByTestId('order-row').locator('td:nth-child(4)')).toHaveText(Array(numbers.length).fill('Northwind Partenaires'));
    await expect(page.getByRole('link', { name: 'Développer la commande 8800208' })).toHaveAttribute('href', '/orders/8800208?customer=1000201');
    await expectAccessible(page);

    for (const number of ['8800214', '8800218', '8800219']) {
      const response = await page.request.get(`/orders/${number}?customer=1000201`);
      expect(response.status(), number).toBe(404);
    }
    expect((await page.request.get('/orders?customer=1000201&account=5100204')).status()).toBe(404);

    await page.getByRole('link', { name: 'Développer la commande 8800208' }).click();
    await expect(page).toHaveURL(/\/orders\/8800208\?customer=1000201$/);
    await expect(page.getByTestId('customer-po-number')).toHaveText('FAB-MTL-0561');
    await expectAccessible(page);
  });

  test('without a chosen customer goes to the partner workspace', async ({ page }) => {
    await page.goto('/orders');
    await expect(page).toHaveURL(/\/partner$/);
  });
});

test.describe('order history in English', () => {
  test.use(sessionOf('adminEn'));

  test('uses the English terms', async ({ page }) => {
    await page.goto('/orders?account=5100201');
    await expect(page.getByRole('heading', { level: 1, name: 'View order history' })).toBeVisible();
    await expect(page.getByTestId('orders-table').locator('thead th')).toHaveText([
      'ORDER NUMBER',
      'DATE',
      'STATUS',
      'PARTNER',
      'PURCHASE ACCOUNT',
      // With its help tip (the visible "?" and the tip read with it).
      'CUSTOMER PO NUMBER?Formerly the secondary PO number: the reference you gave your partner for this order.',
      'ITEMS',
    ]);
    await expect(page.getByRole('search', { name: 'Search orders' }).getByLabel('Customer PO number')).toBeVisible();
    await expect(page.getByTestId('order-row').first().locator('td:nth-child(2)')).toHaveText('Oct 25, 2026');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Expand order 8800202' }).click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Order header', 'Order information', 'Order items']);
    await expect(page.getByTestId('order-header')).toContainText('CUSTOMER PO NUMBER');
    await expect(page.getByTestId('order-item').first().locator('td')).toHaveText(['1', 'Windows Server', 'Datacenter', '2022', 'Per core', '16', 'Yes', '—', 'CA$845.25', 'CA$13,524.00']);
    await expectAccessible(page);
  });
});
