/**
 * The Software Assurance and services benefits tab and its CSV export, on the
 * demo data (fixtures/demo.ts) for TEST_TODAY = 2026-11-24. Expected figures
 * come from the demo's benefit list: e.g. Fabrikam Montréal – Siège (5100201)
 * has "Formation" 30 entitled, 12 used, expiring in 60 days.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, sessionOf } from './support';

const TAB_FR = 'Avantages de Software Assurance et des services';
const TAB_EN = 'Software Assurance and services benefits';
const SUPPORT = 'Incidents de support 24 h/24, 7 j/7';
/** Its English form in the demo's bilingual catalogue. */
const SUPPORT_EN = '24x7 support incidents';

/** A minimal RFC 4180 reader: enough for quoted cells holding the separator. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The rows of one account's table, as [benefit, entitled, used, remaining, expiry cell text]. */
function benefitRow(page: Page, account: string, benefit: string, nth = 0): Locator {
  return page.locator(`section[data-account="${account}"] tbody tr`).filter({ has: page.getByRole('rowheader', { name: benefit, exact: true }) }).nth(nth);
}

/**
 * Every row on the page in the export's shape: account number, account name,
 * benefit, entitled, used, remaining, ISO expiry (the French dd/mm/yyyy read back).
 */
async function pageRows(page: Page): Promise<string[][]> {
  const rows: string[][] = [];
  for (const section of await page.locator('section[data-account]').all()) {
    const number = (await section.getAttribute('data-account'))!;
    const heading = (await section.getByRole('heading', { level: 2 }).textContent())!;
    const name = heading.slice(`Compte d'achats ${number} – `.length);
    for (const tr of await section.locator('tbody tr').all()) {
      const benefit = (await tr.getByRole('rowheader').textContent())!;
      const cells = tr.locator('td');
      const count = async (i: number) => (await cells.nth(i).textContent())!.replace(/\D/g, '');
      const date = (await cells.nth(3).locator('span > span').first().textContent())!;
      const [day, month, year] = date.split('/');
      rows.push([number, name, benefit, await count(0), await count(1), await count(2), `${year}-${month}-${day}`]);
    }
  }
  return rows;
}

test.describe('benefits tab (customer administrator, French, JavaScript on)', () => {
  test.use(sessionOf('adminFr'));

  test("shows an account's benefits with remaining quantities and expiry markers", async ({ page }) => {
    await page.goto('/inventory/benefits?account=5100201');
    await expect(page.getByRole('heading', { level: 1, name: TAB_FR })).toBeVisible();
    const tabs = page.getByRole('navigation', { name: "Sections de l'inventaire" });
    await expect(tabs.getByRole('link', { name: TAB_FR })).toHaveAttribute('aria-current', 'page');
    await expect(tabs.getByRole('link', { name: 'Licences et services' })).not.toHaveAttribute('aria-current', 'page');
    await expect(tabs.getByRole('link', { name: 'Licences et services' })).toHaveAttribute('href', '/inventory?account=5100201');
    await expect(page.getByTestId('context-account')).toContainText('5100201');

    await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(["Compte d'achats 5100201 – Fabrikam Montréal – Siège"]);
    const table = page.getByRole('table', { name: "Compte d'achats 5100201 – Fabrikam Montréal – Siège" });
    await expect(table.getByRole('columnheader')).toHaveText(['Avantage', 'Quantité autorisée', 'Quantité utilisée', 'Quantité restante', 'Expiration']);
    // Ordered by benefit name, then expiry (the support incidents come twice).
    await expect(table.getByRole('rowheader')).toHaveText(["Droits d'utilisation à domicile", 'Formation', SUPPORT, SUPPORT, 'Jours de planification du déploiement']);

    // Formation: 30 entitled, 12 used → 18 remaining; expires in 60 days → "Expire bientôt".
    const training = benefitRow(page, '5100201', 'Formation');
    await expect(training.locator('td')).toHaveText(['30', '12', '18', /^23\/01\/2027/]);
    await expect(training.locator('[data-expiry]')).toHaveText('Expire bientôt');
    await expect(training.locator('[data-expiry]')).toHaveAttribute('data-expiry', 'soon');
    // Support incidents: all used and expired ten days ago → 0 remaining, "Expiré"; the renewed ones are not marked.
    const expired = benefitRow(page, '5100201', SUPPORT, 0);
    await expect(expired.locator('td')).toHaveText(['8', '8', '0', /^14\/11\/2026/]);
    await expect(expired.locator('[data-expiry]')).toHaveText('Expiré');
    const renewed = benefitRow(page, '5100201', SUPPORT, 1);
    await expect(renewed.locator('td')).toHaveText(['8', '1', '7', '14/11/2027']);
    await expect(renewed.locator('[data-expiry]')).toHaveCount(0);
    await expect(benefitRow(page, '5100201', "Droits d'utilisation à domicile").locator('td')).toHaveText(['120', '45', '75', '20/09/2027']);
    await expect(page.getByTestId('benefit-count')).toHaveText('5 avantages');
    await expectAccessible(page);
  });

  test('marks a benefit expiring within 30 days in red with the number of days', async ({ page }) => {
    await page.goto('/inventory/benefits?account=5100203');
    const training = benefitRow(page, '5100203', 'Formation');
    await expect(training.locator('td')).toHaveText(['12', '4', '8', /^19\/12\/2026/]);
    await expect(training.locator('[data-expiry="imminent"]')).toHaveText('Expire dans 25 jours');
    await expect(training.getByText('19/12/2026', { exact: true })).toHaveClass(/text-expiry-red/);
    // 90 days exactly is still "Expire bientôt"; all used → nothing remaining.
    const planning = benefitRow(page, '5100203', 'Jours de planification du déploiement');
    await expect(planning.locator('td')).toHaveText(['15', '15', '0', /^22\/02\/2027/]);
    await expect(planning.locator('[data-expiry]')).toHaveText('Expire bientôt');
    await expectAccessible(page);
  });

  test('the CSV export holds the same rows and figures as the page', async ({ page }) => {
    await page.goto('/inventory/benefits?account=5100201');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('avantages-software-assurance-5100201.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1), ';');
    expect(header).toEqual(["Numéro du compte d'achats", "Nom du compte d'achats", 'Avantage', 'Quantité autorisée', 'Quantité utilisée', 'Quantité restante', 'Expiration']);
    expect(rows).toEqual(await pageRows(page));
    expect(rows).toContainEqual(['5100201', 'Fabrikam Montréal – Siège', 'Formation', '30', '12', '18', '2027-01-23']);
    expect(rows).toHaveLength(5);
  });

  test('every account in scope: one section per account with benefits, the export agreeing', async ({ page }) => {
    await page.goto('/inventory/benefits?account=all');
    // Fabrikam's accounts with benefits (Lyon – Usine and Besançon have none); never Contoso's.
    await expect(page.locator('section[data-account]')).toHaveCount(5);
    const sections = await page.locator('section[data-account]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-account')));
    expect(sections).toEqual(['5100201', '5100202', '5100203', '5100205', '5100206']);
    await expect(page.locator('main')).not.toContainText('5100101');
    await expect(page.getByTestId('benefit-count')).toHaveText('11 avantages');
    await expectAccessible(page);

    const response = await page.request.get('/inventory/benefits/export?account=all');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    const [, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ''), ';');
    expect(rows).toEqual(await pageRows(page));
    expect(rows).toHaveLength(11);
  });

  test('an account without benefits says so and offers another account', async ({ page }) => {
    await page.goto('/inventory/benefits?account=5100204');
    await expect(page.getByTestId('benefits-empty')).toContainText("Aucun avantage de Software Assurance ni de services n'est enregistré pour ce compte d'achats.");
    await expect(page.getByRole('link', { name: "Choisir un autre compte d'achats" })).toHaveAttribute('href', '/accounts');
    await expect(page.getByRole('link', { name: 'Exporter (CSV)' })).toHaveCount(0);
    await expect(page.getByRole('table')).toHaveCount(0);
    await expectAccessible(page);
  });

  test("another customer's account is a 404 on the tab and on the export", async ({ page }) => {
    const response = await page.goto('/inventory/benefits?account=5100101');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Contoso');
    await expectAccessible(page);
    const exported = await page.request.get('/inventory/benefits/export?account=5100101');
    expect(exported.status()).toBe(404);
    expect(await exported.text()).not.toContain('Contoso');
    expect((await page.request.get('/inventory/benefits/export?account=9999999')).status()).toBe(404);
  });
});

test.describe('benefits tab for an account viewer', () => {
  test.use(sessionOf('viewerFr'));

  test('shows the granted accounts only; any other is a 404', async ({ page }) => {
    await page.goto('/inventory/benefits?account=all');
    const sections = await page.locator('section[data-account]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-account')));
    expect(sections).toEqual(['5100203']);
    expect((await page.goto('/inventory/benefits?account=5100201'))?.status()).toBe(404);
    expect((await page.request.get('/inventory/benefits/export?account=5100201')).status()).toBe(404);
  });
});

test.describe('benefits tab for a partner user', () => {
  test.use(sessionOf('partnerFr'));

  test('shows the served accounts of the chosen customer and keeps the customer on links', async ({ page }) => {
    await page.goto('/inventory/benefits?customer=1000201&account=all');
    await expect(page.getByRole('heading', { level: 1, name: TAB_FR })).toBeVisible();
    const sections = await page.locator('section[data-account]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-account')));
    // Genève – Ventes (5100206) has Adatum as partner of record.
    expect(sections).toEqual(['5100201', '5100202', '5100203', '5100205']);
    const tabs = page.getByRole('navigation', { name: "Sections de l'inventaire" });
    await expect(tabs.getByRole('link', { name: 'Licences et services' })).toHaveAttribute('href', '/inventory?customer=1000201&account=all');
    await expect(page.getByRole('link', { name: 'Exporter (CSV)' })).toHaveAttribute('href', '/inventory/benefits/export?customer=1000201&account=all');
    await expectAccessible(page);
    expect((await page.goto('/inventory/benefits?customer=1000201&account=5100206'))?.status()).toBe(404);
    expect((await page.request.get('/inventory/benefits/export?customer=1000201&account=5100206')).status()).toBe(404);
  });
});

test.describe('benefits tab in English', () => {
  test.use(sessionOf('adminEn'));

  test('labels, dates and the export header in English', async ({ page }) => {
    await page.goto('/inventory/benefits?account=5100201');
    await expect(page.getByRole('heading', { level: 1, name: TAB_EN })).toBeVisible();
    await expect(page.getByRole('link', { name: TAB_EN })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Purchase account 5100201 – Fabrikam Montréal – Siège']);
    await expect(page.getByRole('columnheader')).toHaveText(['Benefit', 'Entitled', 'Used', 'Remaining', 'Expiration']);
    const training = benefitRow(page, '5100201', 'Training');
    await expect(training.locator('td')).toHaveText(['30', '12', '18', /^Jan 23, 2027/]);
    await expect(training.locator('[data-expiry]')).toHaveText('Expiring soon');
    await expect(benefitRow(page, '5100201', SUPPORT_EN, 0).locator('[data-expiry]')).toHaveText('Expired');
    await expect(page.getByTestId('benefit-count')).toHaveText('5 benefits');
    await expectAccessible(page);

    const response = await page.request.get(await page.getByRole('link', { name: 'Export (CSV)' }).getAttribute('href').then((href) => href!));
    expect(response.headers()['content-disposition']).toContain('software-assurance-benefits-5100201.csv');
    const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ''), ',');
    expect(header).toEqual(['Purchase account number', 'Purchase account name', 'Benefit', 'Entitled', 'Used', 'Remaining', 'Expiration']);
    expect(rows).toContainEqual(['5100201', 'Fabrikam Montréal – Siège', SUPPORT_EN, '8', '8', '0', '2026-11-14']);
    expect(rows).toHaveLength(5);
  });
});

test.describe('benefits tab for a customer with one account', () => {
  test.use(sessionOf('singleAccount'));

  test('uses the only account without asking', async ({ page }) => {
    await page.goto('/inventory/benefits');
    await expect(page.getByTestId('context-account')).toContainText('5100101');
    const training = benefitRow(page, '5100101', 'Formation');
    await expect(training.locator('td')).toHaveText(['6', '6', '0', /^14\/12\/2026/]);
    await expect(training.locator('[data-expiry]')).toHaveText('Expire dans 20 jours');
    await expectAccessible(page);
  });
});
