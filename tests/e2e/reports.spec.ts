/**
 * Rapprochement de services en ligne non payés: the
 * self-provisioned gaps of the demo data (fixtures/demo.ts), its filters, the
 * link to the inventory line, the CSV export, and what is not the viewer's.
 * The fixed test "today" is 2026-11-24 (playwright.config.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, sessionOf } from './support';

const TITLE_FR = 'Rapprochement de services en ligne non payés';

/**
 * Fabrikam's online services where available > ordered, most to order first:
 * product, edition, account number and name, agreement, available, ordered,
 * to order, next expiration (ISO). Lyon's Office 365 E3 (35 available, 40
 * ordered) is never there.
 */
const FABRIKAM_GAPS = [
  ['Office 365 E3', '', '5100201', 'Fabrikam Montréal – Siège', '7600201', '332', '320', '12', '2026-12-06'],
  ['Office 365 E1', '', '5100204', 'Fabrikam Lyon – Usine', '7600202', '158', '150', '8', '2026-12-24'],
  ['Office 365 E1', '', '5100203', 'Fabrikam Lyon', '7600202', '86', '80', '6', '2026-11-19'],
  ['Dynamics 365 Sales', 'Enterprise', '5100201', 'Fabrikam Montréal – Siège', '7600201', '34', '30', '4', '2027-01-23'],
  ['Enterprise Mobility + Security E3', '', '5100205', 'Fabrikam Genève', '7600201', '73', '70', '3', '2027-02-22'],
  ['Dynamics 365 Sales', 'Enterprise', '5100206', 'Fabrikam Genève – Ventes', '7600201', '27', '25', '2', '2027-06-12'],
];

/** The table's rows as the CSV writes them: dates shown as dd/mm/yyyy (or Mon d, yyyy) turned back into ISO. */
async function pageRows(page: Page): Promise<string[][]> {
  // The filter form is a plain GET: read the rows of the new document, not of one being replaced.
  await page.waitForLoadState('domcontentloaded');
  const rows: string[][] = [];
  for (const tr of await page.getByTestId('report-row').all()) {
    const product = (await tr.getByRole('rowheader').textContent())!.trim();
    const cells = (await tr.locator('td').allTextContents()).map((text) => text.trim());
    const date = cells[7]!.match(/^(\d{2})\/(\d{2})\/(\d{4})/);
    rows.push([product, ...cells.slice(0, 7), date ? `${date[3]}-${date[2]}-${date[1]}` : '']);
  }
  return rows;
}

function csvRows(body: string, separator: string): string[][] {
  expect(body.charCodeAt(0)).toBe(0xfeff);
  // No demo value holds a separator or a quote, so a plain split is exact here.
  return body
    .slice(1)
    .trim()
    .split('\r\n')
    .map((line) => line.split(separator));
}

test.describe('unpaid online services reconciliation (customer administrator)', () => {
  test.use(sessionOf('adminFr'));

  test('lists the self-provisioned gaps from the menu, most to order first, with totals', async ({ page }) => {
    await page.goto('/inventory?account=5100201');
    await page.getByRole('link', { name: 'Rapports', exact: true }).click();
    await expect(page).toHaveURL(/\/reports$/);
    await expect(page.getByRole('heading', { level: 1, name: TITLE_FR })).toBeVisible();
    await expect(page.getByTestId('report-intro')).toContainText('pour éviter une interruption');
    await expect(page.getByRole('columnheader')).toHaveText([
      'PRODUIT',
      'ÉDITION',
      "NUMÉRO DU COMPTE D'ACHATS",
      "NOM DU COMPTE D'ACHATS",
      'NUMÉRO DE CONTRAT',
      // The guide's help tips beside the two quantities (the visible "?" and the tip read with it).
      'QUANTITÉ DISPONIBLE?Nombre total de postes ou de licences à votre disposition.',
      'QUANTITÉ COMMANDÉE?Nombre total de postes ou de licences à votre disposition et que votre partenaire a commandés.',
      'QUANTITÉ À COMMANDER',
      'PROCHAINE EXPIRATION',
    ]);
    expect(await pageRows(page)).toEqual(FABRIKAM_GAPS);
    await expect(page.getByTestId('report-count')).toHaveText('6 services en ligne à commander');
    await expect(page.getByTestId('report-totals').locator('td')).toHaveText(['710', '675', '35', '']);
    // Expiry markers as in the inventory: +12 days in red, −5 days expired.
    const first = page.getByTestId('report-row').first();
    await expect(first.locator('[data-expiry="imminent"]')).toHaveText('Expire dans 12 jours');
    await expect(first.getByText('06/12/2026', { exact: true })).toHaveClass(/text-expiry-red/);
    await expect(page.getByTestId('report-row').nth(2).locator('[data-expiry]')).toHaveText('Expiré');
    // Lyon's Office 365 E3 (35 available < 40 ordered) is ordered, not unpaid.
    await expect(page.getByTestId('report-row').filter({ hasText: '5100203' }).filter({ hasText: 'Office 365 E3' })).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText('5100101');
    await expectAccessible(page);
  });

  test('filters by account, product and agreement narrow the list and are kept in the URL', async ({ page }) => {
    await page.goto('/reports');
    // Text fields with a few suggestions each (never a drop-down of every order).
    await expect(page.locator('select')).toHaveCount(0);
    // A product is suggested by its name, its code beside it (either can be typed).
    await expect(page.locator('#report-product-suggestions option[value="Office 365 E1"]')).toHaveText('Office 365 E1 (O365-E1)');
    await expect(page.locator('#report-order-suggestions option').first()).toHaveAttribute('value', /^88002\d\d$/);
    await page.getByLabel("Compte d'achats", { exact: true }).fill('5100201');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/account=5100201/);
    expect(await pageRows(page)).toEqual([FABRIKAM_GAPS[0], FABRIKAM_GAPS[3]]);
    await expect(page.getByTestId('report-totals').locator('td')).toHaveText(['366', '350', '16', '']);
    await expect(page.getByLabel("Compte d'achats", { exact: true })).toHaveValue('5100201');

    await page.getByLabel("Compte d'achats", { exact: true }).fill('');
    await page.getByLabel('Produit', { exact: true }).fill('O365-E1');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/product=O365-E1/);
    expect(await pageRows(page)).toEqual([FABRIKAM_GAPS[1], FABRIKAM_GAPS[2]]);

    await page.getByLabel('Produit', { exact: true }).fill('');
    await page.getByLabel('Contrat', { exact: true }).fill('7600202');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/agreement=7600202/);
    expect(await pageRows(page)).toEqual([FABRIKAM_GAPS[1], FABRIKAM_GAPS[2]]);
    await page.getByLabel('Produit', { exact: true }).fill('D365-SALES');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page.getByTestId('report-row')).toHaveCount(0);
    await expect(page.getByTestId('report-empty')).toContainText('Rien à commander pour : Contrat « 7600202 », Produit « D365-SALES ».');
    await expectAccessible(page);
    await page.getByTestId('report-empty').getByRole('link', { name: 'Effacer les filtres' }).click();
    await expect(page).toHaveURL(/\/reports$/);
    await expect(page.getByTestId('report-row')).toHaveCount(FABRIKAM_GAPS.length);
  });

  test('an order filter keeps the lines its transactions touched', async ({ page }) => {
    // Order 8800217 (Genève) ordered Office 365 E3 (no gap) and EMS E3 (3 self-provisioned).
    await page.goto('/reports?order=8800217');
    expect(await pageRows(page)).toEqual([FABRIKAM_GAPS[4]]);
    await expect(page.getByLabel('Commande', { exact: true })).toHaveValue('8800217');
  });

  test('a row links to its inventory line, opened and highlighted', async ({ page }) => {
    await page.goto('/reports');
    await page.getByRole('link', { name: "Voir la ligne Office 365 E3 du compte d'achats 5100201 dans l'inventaire" }).click();
    await expect(page).toHaveURL(/\/inventory\?account=5100201&line=\d+#line-\d+$/);
    const line = page.locator('[aria-current=true][data-testid=inventory-line]');
    await expect(line).toHaveCount(1);
    await expect(line).toContainText('332');
    await expect(line.getByTestId('self-provisioned')).toBeVisible();
  });

  test('the CSV export holds the same rows and figures as the page, with its filters', async ({ page }) => {
    await page.goto('/reports');
    const exportLink = page.getByRole('link', { name: 'Exporter (CSV)' });
    await expect(exportLink).toHaveAttribute('href', '/reports/export');
    const response = await page.request.get((await exportLink.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    expect(response.headers()['content-disposition']).toContain('services-en-ligne-non-payes.csv');
    const [header, ...rows] = csvRows(await response.text(), ';');
    expect(header).toEqual([
      'PRODUIT',
      'ÉDITION',
      "NUMÉRO DU COMPTE D'ACHATS",
      "NOM DU COMPTE D'ACHATS",
      'NUMÉRO DE CONTRAT',
      'QUANTITÉ DISPONIBLE',
      'QUANTITÉ COMMANDÉE',
      'QUANTITÉ À COMMANDER',
      'PROCHAINE EXPIRATION',
    ]);
    expect(rows).toEqual(await pageRows(page));
    expect(rows).toEqual(FABRIKAM_GAPS);

    await page.goto('/reports?agreement=7600201&product=D365-SALES');
    const filteredHref = (await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href'))!;
    expect(filteredHref).toBe('/reports/export?agreement=7600201&product=D365-SALES');
    const [, ...filtered] = csvRows(await (await page.request.get(filteredHref)).text(), ';');
    expect(filtered).toEqual(await pageRows(page));
    expect(filtered).toEqual([FABRIKAM_GAPS[3], FABRIKAM_GAPS[5]]);
  });

  test('every filter takes what a person types — a partial number, a name, any case, with or without accents — and never ends on "Page introuvable"', async ({ page }) => {
    const [montreal, lyonUsine, lyon, dynamics, geneve, geneveVentes] = FABRIKAM_GAPS;
    const cases: [string, string[][]][] = [
      ['account=510020', FABRIKAM_GAPS],
      ['account=5100203', [lyon!]],
      ['account=Fabrikam%20Lyon', [lyonUsine!, lyon!]],
      ['account=GENEVE', [geneve!, geneveVentes!]],
      ['account=gen%C3%A8ve', [geneve!, geneveVentes!]],
      ['product=o365-e3', [montreal!]],
      ['product=Office%20365%20E3', [montreal!]],
      ['product=E1', [lyonUsine!, lyon!]],
      ['product=Dynamics', [dynamics!, geneveVentes!]],
      ['agreement=7600', FABRIKAM_GAPS],
      ['agreement=7600202', [lyonUsine!, lyon!]],
    ];
    for (const [query, rows] of cases) {
      const response = await page.goto(`/reports?${query}`);
      expect(response?.status(), query).toBe(200);
      expect(await pageRows(page), query).toEqual(rows);
      await expect(page.getByText("Un paramètre de l'adresse n'était pas valide et a été ignoré.")).toHaveCount(0);
    }
    expect((await page.goto('/reports?order=12'))?.status()).toBe(200);

    // Typed into the form: the value stays in its field, and a name works as well as a number.
    await page.goto('/reports');
    await page.getByLabel('Produit', { exact: true }).fill('office 365 e1');
    await page.getByLabel("Compte d'achats", { exact: true }).fill('lyon usine');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    expect(await pageRows(page)).toEqual([lyonUsine]);
    await expect(page.getByLabel("Compte d'achats", { exact: true })).toHaveValue('lyon usine');

    // Nothing found: said with the filter repeated, and a way to clear it.
    await page.goto('/reports?account=999');
    await expect(page.getByTestId('report-empty')).toContainText("Rien à commander pour : Compte d'achats « 999 ».");
    await expect(page.getByLabel("Compte d'achats", { exact: true })).toHaveValue('999');
    await expectAccessible(page);
    await page.getByTestId('report-empty').getByRole('link', { name: 'Effacer les filtres' }).click();
    await expect(page).toHaveURL(/\/reports$/);
    expect(await pageRows(page)).toEqual(FABRIKAM_GAPS);
  });

  test("another customer's account, order or agreement is answered as a value naming nothing, on the page and the export", async ({ page }) => {
    for (const [name, value] of [['account', '5100101'], ['order', '8800101'], ['agreement', '7600101']] as const) {
      const response = await page.goto(`/reports?${name}=${value}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByTestId('report-row')).toHaveCount(0);
      await expect(page.getByTestId('report-empty')).toBeVisible();
      await expect(page.locator('body')).not.toContainText('Contoso');
    }
    const exported = await page.request.get('/reports/export?account=5100101');
    const nothing = await page.request.get('/reports/export?account=999');
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toBe(await nothing.text());
    // Only a hand-edited address that no form sends is dropped, and the page says so.
    await page.goto(`/reports?account=${'9'.repeat(101)}`);
    await expect(page.getByText("Un paramètre de l'adresse n'était pas valide et a été ignoré.")).toBeVisible();
    await expect(page.getByTestId('report-row')).toHaveCount(FABRIKAM_GAPS.length);
  });
});

test.describe('unpaid online services reconciliation (partner user)', () => {
  test.use(sessionOf('partnerFr'));

  test("shows the served accounts of the chosen customer only, never Adatum's", async ({ page }) => {
    await page.goto('/reports?customer=1000201');
    await expect(page.getByRole('heading', { level: 1, name: TITLE_FR })).toBeVisible();
    // 5100204 (Lyon – Usine) and 5100206 (Genève – Ventes) have Adatum as partner of record.
    expect(await pageRows(page)).toEqual([FABRIKAM_GAPS[0], FABRIKAM_GAPS[2], FABRIKAM_GAPS[3], FABRIKAM_GAPS[4]]);
    await expect(page.locator('main')).not.toContainText('5100204');
    await expect(page.locator('main')).not.toContainText('5100206');
    await expect(page.locator('input[type=hidden][name=customer]')).toHaveValue('1000201');
    await expect(page.getByRole('link', { name: 'Exporter (CSV)' })).toHaveAttribute('href', '/reports/export?customer=1000201');
    await expect(page.getByRole('link', { name: /^Voir la ligne Office 365 E3/ })).toHaveAttribute('href', /^\/inventory\?customer=1000201&account=5100201&line=\d+#line-\d+$/);
    await expectAccessible(page);

    await page.getByLabel('Produit', { exact: true }).fill('O365-E1');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/customer=1000201/);
    expect(await pageRows(page)).toEqual([FABRIKAM_GAPS[2]]);

    // Adatum's accounts match nothing here, exactly as an account that does not exist.
    expect((await page.goto('/reports?customer=1000201&account=5100204'))?.status()).toBe(200);
    await expect(page.getByTestId('report-row')).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText('Lyon – Usine');
    const exported = await page.request.get('/reports/export?customer=1000201&account=5100206');
    expect(await exported.text()).toBe(await (await page.request.get('/reports/export?customer=1000201&account=999')).text());
  });

  test('without a chosen customer, the partner workspace comes first', async ({ page }) => {
    await page.goto('/reports');
    await expect(page).toHaveURL(/\/partner/);
  });
});

test.describe('unpaid online services reconciliation in English', () => {
  test.use(sessionOf('adminEn'));

  test('uses US terms, US dates and a comma-separated export', async ({ page }) => {
    await page.goto('/reports?account=5100201');
    await expect(page.getByRole('heading', { level: 1, name: 'Unpaid online services reconciliation' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'AVAILABLE QUANTITY' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'ORDERED QUANTITY' })).toBeVisible();
    await expect(page.getByTestId('report-row').first()).toContainText('Dec 6, 2026');
    await expect(page.getByTestId('report-count')).toHaveText('2 online services to order');
    await expectAccessible(page);
    const response = await page.request.get((await page.getByRole('link', { name: 'Export (CSV)' }).getAttribute('href'))!);
    expect(response.headers()['content-disposition']).toContain('unpaid-online-services.csv');
    const [header, ...rows] = csvRows(await response.text(), ',');
    expect(header).toContain('QUANTITY TO ORDER');
    expect(rows).toEqual([FABRIKAM_GAPS[0], FABRIKAM_GAPS[3]]);
  });
});
