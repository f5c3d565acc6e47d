/**
 * Licences et services: the full flows, once, in French with JavaScript.
 * The fixed test "today" is 2026-11-24 (playwright.config.ts); the demo data
 * places next expirations at −5, 0, +12, +30, +31, +45, +60, +90, +91 days.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, sessionOf, storageStatePath } from './support';

const productRow = (page: Page, name: string) => page.getByTestId('product-row').filter({ has: page.getByRole('heading', { name, exact: true }) });

async function historyIdOf(page: Page, productName: string): Promise<string> {
  const row = productRow(page, productName).first();
  const href = await row.getByRole('link', { name: /^Afficher l'historique/ }).first().getAttribute('href');
  return href!.match(/\/inventory\/history\/(\d+)/)![1]!;
}

test.describe('inventory (customer administrator)', () => {
  test.use(sessionOf('adminFr'));

  test('browse by family, expand and collapse one product, then all', async ({ page }) => {
    await page.goto('/inventory?account=5100201');
    await expect(page.getByRole('link', { name: 'Licences et services', exact: true })).toHaveAttribute('aria-current', 'page');
    const families = page.locator('#inventory-list h2');
    await expect(families).toHaveText(['Azure', 'Dynamics 365', "Licences d'accès client", 'Office', 'Office 365', 'SQL Server', 'Visual Studio', 'Windows Server']);
    await expect(page.getByTestId('inventory-line')).toHaveCount(0);

    const office = productRow(page, 'Office Professionnel Plus');
    await expect(office.getByTestId('product-totals')).toHaveText('265 licences · 145 SA');
    await expect(office).toContainText('3 lignes');
    await office.getByRole('link', { name: 'Développer Office Professionnel Plus' }).click();
    await expect(page).toHaveURL(/open=\d+/);
    const lines = office.getByTestId('inventory-line');
    await expect(lines).toHaveCount(3);
    await expect(lines.locator('td:nth-child(2)')).toHaveText(['2016', '2021', 'LTSC 2024']);
    await expect(office.getByRole('link', { name: 'Réduire Office Professionnel Plus' })).toHaveAttribute('aria-expanded', 'true');
    const header = office.locator('thead th');
    await expect(header).toContainText(['ÉDITION', 'VERSION', "NUMÉRO DU COMPTE D'ACHATS", "NOM DU COMPTE D'ACHATS", 'UTILISATION DES RESSOURCES', 'NOMBRE DE LICENCES', 'NOMBRE DE SA', 'PROCHAINE EXPIRATION', 'ACTIONS']);
    await expectAccessible(page);
    await office.getByRole('link', { name: 'Réduire Office Professionnel Plus' }).click();
    await expect(lines).toHaveCount(0);

    await page.getByTestId('expand-all').click();
    await expect(page).toHaveURL(/expand=all/);
    const rows = await page.getByTestId('product-row').count();
    await expect(page.locator('[data-testid=product-row] table')).toHaveCount(rows);
    await page.getByTestId('expand-all').click();
    await expect(page.locator('[data-testid=product-row] table')).toHaveCount(0);
  });

  test('search matches the start of words without case or accents, and says when nothing matches', async ({ page }) => {
    await page.goto('/inventory?account=5100201');
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await search.fill('datacenter');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page).toHaveURL(/q=datacenter/);
    await expect(page.getByTestId('product-row').getByRole('heading')).toHaveText(['Windows Server']);
    await productRow(page, 'Windows Server').getByRole('link', { name: /^Développer/ }).click();
    await expect(page.getByTestId('inventory-line').locator('td:first-child')).toHaveText(['Datacenter']);

    await search.fill('OFFICE 36');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page.getByTestId('product-row').getByRole('heading')).toHaveText(['Office 365 E3', 'Office 365 E5']);

    await search.fill('évolution');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page.getByText('Aucun produit ne correspond à « évolution ».')).toBeVisible();
    await page.getByRole('link', { name: 'Effacer la recherche' }).first().click();
    await expect(page).not.toHaveURL(/q=/);
    await expect(page.getByTestId('product-row')).not.toHaveCount(0);
  });

  test('show packages splits products and packages that add up to the default totals', async ({ page }) => {
    await page.goto('/inventory?account=5100201');
    await expect(productRow(page, 'Windows Server CAL').getByTestId('product-totals')).toHaveText('305 licences · 250 SA');
    await page.getByLabel('Afficher les packages').check();
    await expect(page).toHaveURL(/packages=1/);
    await expect(page.getByRole('heading', { level: 2, name: 'Produits' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Packages' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Package : Core CAL Suite' })).toBeVisible();
    const calRows = productRow(page, 'Windows Server CAL').getByTestId('product-totals');
    await expect(calRows).toHaveText(['55 licences · 0 SA', '250 licences · 250 SA']);
    await page.getByLabel('Afficher les packages').uncheck();
    await expect(page).not.toHaveURL(/packages=1/);
    await expect(page.getByRole('heading', { level: 2, name: 'Packages' })).toHaveCount(0);
  });

  test('online services show subscriptions, the self-provisioned difference and expiry markers', async ({ page }) => {
    await page.goto('/inventory?account=5100201&expand=all');
    const e3 = productRow(page, 'Office 365 E3');
    await expect(e3.locator('thead th')).toContainText(['ABONNEMENTS DISPONIBLES', 'ABONNEMENTS COMMANDÉS']);
    await expect(e3.getByTestId('inventory-line')).toContainText('332');
    await expect(e3.getByTestId('self-provisioned')).toHaveText(
      '12 abonnements en service (configurés par vous-même) n’ont pas encore été commandés par votre partenaire.'.replace('’', "'"),
    );
    // +12 days: the date in red and the words; the row carries the most urgent marker.
    await expect(e3.getByTestId('inventory-line')).toContainText('06/12/2026');
    await expect(e3.getByTestId('inventory-line').getByText('Expire dans 12 jours')).toBeVisible();
    await expect(e3.getByTestId('product-expiry')).toHaveText('Expire dans 12 jours');
    // Licences have no next expiration.
    await expect(productRow(page, 'SQL Server').getByTestId('inventory-line').locator('td:nth-child(8)')).toHaveText('—');

    const expiryOf = async (account: string, product: string) => {
      await page.goto(`/inventory?account=${account}&expand=all`);
      return productRow(page, product).getByTestId('inventory-line').first().locator('td:nth-child(8)');
    };
    await expect(await expiryOf('5100204', 'Exchange Online (Plan 1)')).toHaveText('23/02/2027'); // +91: nothing
    await expect(await expiryOf('5100205', 'Office 365 E3')).toHaveText('22/02/2027Expire bientôt'); // +90
    await expect(await expiryOf('5100203', 'Office 365 E3')).toHaveText('25/12/2026Expire bientôt'); // +31
    await expect(await expiryOf('5100204', 'Office 365 E1')).toHaveText('24/12/2026Expire dans 30 jours'); // +30
    await expect(await expiryOf('5100202', 'Office 365 E5')).toHaveText("24/11/2026Expire aujourd'hui"); // 0
    await expect(await expiryOf('5100203', 'Office 365 E1')).toHaveText('19/11/2026Expiré'); // −5
    // Ordered but not yet provisioned is never unpaid.
    await page.goto('/inventory?account=5100203&expand=all');
    await expect(productRow(page, 'Office 365 E3').getByTestId('self-provisioned')).toHaveCount(0);
  });

  test('a line deep link opens its product, highlights the line and brings it into view', async ({ page }) => {
    await page.goto('/inventory?account=5100201&expand=all');
    const id = await historyIdOf(page, 'Windows Server');
    await page.goto(`/inventory?line=${id}`);
    const line = page.locator(`#line-${id}`);
    await expect(line).toHaveAttribute('aria-current', 'true');
    await expect(line).toBeInViewport();
    await expect(page.getByTestId('context-account')).toContainText('5100201');
  });

  test('actions: history with running totals ending at the counts, and the management links', async ({ page }) => {
    await page.goto('/inventory?account=5100201&expand=all');
    const winsrv = productRow(page, 'Windows Server');
    const datacenter = winsrv.getByTestId('inventory-line').filter({ hasText: 'Datacenter' });
    await expect(datacenter.locator('td:nth-child(6)')).toHaveText('64');
    await expect(productRow(page, 'Office 365 E3').getByRole('link', { name: /Gérer les services/ })).toHaveAttribute('href', 'https://admin.microsoft.com/');
    await expect(productRow(page, 'Office 365 E3').getByRole('link', { name: /Gérer les services/ })).toHaveAttribute('target', '_blank');
    await expect(productRow(page, 'Visual Studio Enterprise avec MSDN').getByRole('link', { name: /Gérer l'abonnement/ })).toHaveAttribute('href', /my\.visualstudio\.com/);
    await expect(productRow(page, 'Microsoft Azure (Enterprise Agreement)').getByRole('link', { name: /Gérer l'abonnement/ })).toHaveAttribute('href', /portal\.azure\.com/);

    await datacenter.getByRole('link', { name: /^Afficher l'historique/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Historique : Windows Server' })).toBeVisible();
    const entries = page.getByTestId('history-entry');
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(1)).toContainText('8800202');
    await expect(page.getByTestId('running-licenseCount').last()).toHaveText('64');
    await expect(page.getByTestId('current-licenseCount')).toHaveText('64');
    await expectAccessible(page);
    await page.getByRole('link', { name: /Retour aux licences et services/ }).click();
    await expect(page.locator('[aria-current=true][data-testid=inventory-line]')).toContainText('Datacenter');
  });

  test('help tips show on hover and on keyboard focus and close with Escape', async ({ page }) => {
    await page.goto('/inventory?account=5100201&expand=all');
    const help = productRow(page, 'SQL Server').getByRole('button', { name: 'Aide : NOMBRE DE LICENCES' });
    const tip = page.getByRole('tooltip', { name: /licences acquises dans le cadre d'un Contrat de produits et services Microsoft \(MPSA\)/ }).first();
    await expect(help).toHaveAttribute('aria-describedby', /.+/);
    await help.hover();
    await expect(tip).toBeVisible();
    await page.mouse.move(0, 0);
    await expect(tip).toBeHidden();
    await help.focus();
    await expect(tip).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    const serviceHelp = productRow(page, 'Office 365 E3').getByRole('button', { name: 'Aide : ABONNEMENTS DISPONIBLES' });
    await serviceHelp.focus();
    await expect(page.getByRole('tooltip', { name: 'Nombre total de postes ou de licences à votre disposition.' }).first()).toBeVisible();
  });

  test('the CSV export holds the same rows and figures as the page', async ({ page }) => {
    await page.goto('/inventory?account=5100201&expand=all');
    const onPage = await page.getByTestId('inventory-line').count();
    const exportLink = page.getByRole('link', { name: 'Exporter (CSV)' });
    const response = await page.request.get((await exportLink.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    const body = await response.text();
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const rows = body.slice(1).trim().split('\r\n');
    expect(rows[0]).toBe(
      "GROUPE DE PRODUITS;PRODUIT;TYPE;ÉDITION;VERSION;NUMÉRO DU COMPTE D'ACHATS;NOM DU COMPTE D'ACHATS;UTILISATION DES RESSOURCES;NOMBRE DE LICENCES;NOMBRE DE SA;ABONNEMENTS;ABONNEMENTS DISPONIBLES;ABONNEMENTS COMMANDÉS;EN SERVICE NON COMMANDÉ;PROCHAINE EXPIRATION",
    );
    expect(rows.length - 1).toBe(onPage);
    expect(rows).toContain('Windows Server;Windows Server;Licence;Datacenter;2022;5100201;Fabrikam Montréal – Siège;Par cœur;64;64;;;;;');
    expect(rows).toContain('Office 365;Office 365 E3;Service en ligne;;;5100201;Fabrikam Montréal – Siège;;;;;332;320;12;2026-12-06');
    // An Azure commitment counts subscriptions, with no licence or SA count (the page's table has no such columns either).
    const azure = rows.find((row) => row.startsWith('Azure;Microsoft Azure (Enterprise Agreement);'))!;
    expect(azure.split(';').slice(8, 14)).toEqual(['', '', '3', '', '', '']);
  });

  test('every account at once: the account columns tell the lines apart', async ({ page }) => {
    await page.goto('/inventory?account=all&q=office%20365%20e3&expand=all');
    await expect(page.getByTestId('context-account')).toContainText('Tous les comptes');
    const accounts = productRow(page, 'Office 365 E3').getByTestId('inventory-line').locator('td:nth-child(3)');
    await expect(accounts).toHaveText(['5100201', '5100203', '5100205', '5100206']);
    await expect(productRow(page, 'Office 365 E3').getByTestId('product-totals')).toHaveText('467 disponibles · 460 commandés');
  });
});

test.describe('what is not yours is a 404', () => {
  test.use(sessionOf('adminFr'));

  test('another customer’s line, history and account', async ({ page, browser }) => {
    const contoso = await browser.newContext({ storageState: storageStatePath('singleAccount') });
    const contosoPage = await contoso.newPage();
    await contosoPage.goto('/inventory?expand=all');
    const foreignId = await historyIdOf(contosoPage, 'Office 365 E3');
    await contoso.close();

    for (const url of [`/inventory/history/${foreignId}`, '/inventory?account=5100101', '/inventory/export?account=5100101']) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(404);
      expect(await response.text(), url).not.toContain('Contoso');
    }
    // Another customer's line in a link is answered as a line no longer there: the viewer's own inventory, saying so.
    const line = await page.request.get(`/inventory?line=${foreignId}`);
    expect(line.status()).toBe(200);
    const body = await line.text();
    expect(body).not.toContain('Contoso');
    expect(body).toContain('data-testid="line-gone"');
    const malformed = await page.goto('/inventory/history/not-a-number');
    expect(malformed?.status()).toBe(404);
  });
});

test.describe('a partner user', () => {
  test.use(sessionOf('partnerFr'));

  test('sees only the served accounts of the chosen customer, and links keep the customer', async ({ page }) => {
    await page.goto('/inventory?customer=1000201&account=all&expand=all');
    const accounts = new Set(await page.getByTestId('inventory-line').locator('td:nth-child(3)').allTextContents());
    expect([...accounts].sort()).toEqual(['5100201', '5100202', '5100203', '5100205', '5100207']);
    await expect(page.getByTestId('inventory-line').first().getByRole('link', { name: /^Afficher l'historique/ })).toHaveAttribute('href', /\/inventory\/history\/\d+\?customer=1000201$/);
    const adatumAccount = await page.request.get('/inventory?customer=1000201&account=5100204');
    expect(adatumAccount.status()).toBe(404);
  });
});

// The history's PAR says who made each change: a self-provisioning the customer made without a person on record
// (the demo's, imported) names the customer itself, never "—"; an opening balance has no author.
for (const [role, product, author, byHeading] of [
  ['adminFr', 'Office 365 E3', 'Fabrikam Industries SA (client)', 'PAR'],
  ['adminEn', 'Office 365 E3', 'Fabrikam Industries SA (customer)', 'BY'],
  ['partnerFr', 'Office 365 E3', 'Fabrikam Industries SA (client)', 'PAR'],
] as const) {
  test.describe(`who self-provisioned (${role})`, () => {
    test.use(sessionOf(role));

    test('the history names the customer for its own self-provisioning', async ({ page }) => {
      await page.goto(`/inventory?${role.startsWith('partner') ? 'customer=1000201&' : ''}account=5100201&expand=all`);
      await productRow(page, product).getByTestId('inventory-line').first().getByRole('link', { name: /^(Afficher l'historique|View history)/ }).click();
      const table = page.getByTestId('history-table');
      await expect(table).toBeVisible();
      const headings = await table.locator('thead th').allTextContents();
      const byColumn = headings.findIndex((heading) => heading.trim() === byHeading) + 1;
      expect(byColumn, 'the PAR column').toBeGreaterThan(0);
      const selfProvisioning = page.getByTestId('history-entry').filter({ hasText: /Auto-approvisionnement|Self-provisioning/ });
      await expect(selfProvisioning).not.toHaveCount(0);
      for (const entry of await selfProvisioning.all()) await expect(entry.locator(`:scope > :nth-child(${byColumn})`)).toHaveText(author);
    });
  });
}

// An Azure commitment and a developer subscription count subscriptions: their table, their history and its
// running totals say ABONNEMENTS, never a licence or SA count (in both languages).
for (const [role, words] of [
  ['adminFr', { history: /^Afficher l'historique/, subscriptions: 'ABONNEMENTS', license: 'NOMBRE DE LICENCES', sa: 'NOMBRE DE SA', change: 'ABONNEMENTS — VARIATION', running: 'ABONNEMENTS — TOTAL CUMULÉ', azure: 'Microsoft Azure (Enterprise Agreement)', msdn: 'Visual Studio Enterprise avec MSDN' }],
  ['adminEn', { history: /^View history/, subscriptions: 'SUBSCRIPTIONS', license: 'LICENSE COUNT', sa: 'SA COUNT', change: 'SUBSCRIPTIONS — CHANGE', running: 'SUBSCRIPTIONS — RUNNING TOTAL', azure: 'Microsoft Azure (Enterprise Agreement)', msdn: 'Visual Studio Enterprise with MSDN' }],
] as const) {
  test.describe(`a line of its kind (${role})`, () => {
    test.use(sessionOf(role));

    test('an Azure commitment and a developer subscription show their subscriptions only, on the page and in the history', async ({ page }) => {
      for (const product of [words.azure, words.msdn]) {
        await page.goto('/inventory?account=5100201&expand=all');
        const row = productRow(page, product);
        const headings = row.locator('thead th');
        await expect(headings.filter({ hasText: new RegExp(`^${words.subscriptions}$`) })).toHaveCount(1);
        for (const meaningless of [words.license, words.sa]) await expect(headings.filter({ hasText: meaningless }), `${product}: ${meaningless}`).toHaveCount(0);

        await row.getByTestId('inventory-line').first().getByRole('link', { name: words.history }).click();
        const table = page.getByTestId('history-table');
        await expect(table).toBeVisible();
        const historyHeadings = (await table.locator('thead th').allTextContents()).map((heading) => heading.trim());
        expect(historyHeadings).toEqual(expect.arrayContaining([words.change, words.running]));
        expect(historyHeadings.filter((heading) => heading.includes(words.license) || heading.includes(words.sa)), product).toEqual([]);
        await expect(page.getByTestId('history-line')).not.toContainText(words.sa);
        await expect(page.getByTestId('history-line')).not.toContainText(words.license);
        // The running total ends at the count the line shows.
        await expect(page.getByTestId('running-licenseCount').last()).toHaveText((await page.getByTestId('current-licenseCount').textContent())!);
      }
    });
  });
}
