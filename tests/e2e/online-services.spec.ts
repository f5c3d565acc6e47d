/**
 * CONFIGURER DES SERVICES EN LIGNE: a customer
 * administrator switches an online service on, reads what to ask the
 * partner, finds the gap in the report and reduces it; the inventory line,
 * its history, the report and both CSV exports move together; a form posted
 * again writes once; without JavaScript and in English too.
 *
 * These tests write, so they run against a server with a database of their
 * own (tests/e2e/aux-server.ts): the figures other specs read on the main
 * server stay as the demo data has them. Who may not set services up is
 * checked on the main server with the stored sessions (nothing is written).
 * The fixed test "today" is 2026-11-24.
 */
import Database from 'better-sqlite3';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_DATABASE_PATH } from '../../playwright.config';
import { signInOverHttp, type HttpSession } from '../helpers/http-session';
import { findForm, formBody } from '../helpers/html-forms';
import { signedInContext, startAuxServer, type AuxServer } from './aux-server';
import { expectAccessible, expectAccessibleWithoutJs, sessionOf } from './support';
import { PASSWORD, USERS } from './users';

const LYON = '5100203';
const EXCHANGE = /^Exchange Online \(Plan 1\)/;

/** A CSV export's rows as arrays (no demo value holds a separator or a quote). */
function csvRows(body: string, separator: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(separator));
}

/** The row of a CSV whose cells include all of `cells`, as a record by heading. */
function csvRecord(body: string, separator: string, ...cells: string[]): Record<string, string> {
  const [header, ...rows] = csvRows(body, separator);
  const row = rows.find((candidate) => cells.every((cell) => candidate.includes(cell)));
  expect(row, `a CSV row with ${cells.join(', ')}`).toBeTruthy();
  return Object.fromEntries(header!.map((name, index) => [name, row![index]!]));
}

test.describe('set up online services (customer administrator, own database)', () => {
  test.describe.configure({ mode: 'serial' });

  let server: AuxServer;
  const sessions = new Map<string, HttpSession>();

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAuxServer('online-services', 1);
    // One sign-in per person, reused by every context below.
    for (const email of [USERS.adminFr, USERS.adminEn]) sessions.set(email, await signInOverHttp(server.baseURL, email, PASSWORD));
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  const contextOf = (browser: Browser, email: string, options: { javaScriptEnabled?: boolean; locale?: string } = {}) => signedInContext(browser, sessions.get(email)!, options);

  const transactionsOf = (lineId: string) => {
    const db = new Database(server.databasePath, { readonly: true });
    try {
      return db.prepare('select kind, available_delta as change, ordered_delta as ordered from inventory_transactions where line_id = ? order by id').all(Number(lineId));
    } finally {
      db.close();
    }
  };

  /** The inventory row of a line: its cells by column heading. */
  async function lineRow(page: Page, lineId: string) {
    const row = page.locator(`#line-${lineId}`);
    await expect(row).toBeVisible();
    return row;
  }

  test('sets a service up, tells whom to ask, and the line, history, report and both exports move together; then reduces and switches it off', async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await contextOf(browser, USERS.adminFr);
    const page = await context.newPage();

    // The button of the Licences et services tab keeps the account in view.
    await page.goto(`/inventory?account=${LYON}`);
    await page.getByRole('link', { name: 'CONFIGURER DES SERVICES EN LIGNE' }).click();
    await expect(page).toHaveURL(new RegExp(`/online-services/setup\\?account=${LYON}&key=[0-9a-f]{32}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Configurer des services en ligne' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: "Compte d'achats" })).toHaveValue(LYON);
    await expect(page.getByRole('radio')).toHaveCount(7);
    await expectAccessible(page);

    // Mistakes come back beside their field, what was chosen and typed kept.
    const quantity = page.getByLabel("Nombre d'abonnements");
    const submit = page.getByRole('button', { name: 'Configurer le service' });
    await submit.click();
    await expect(page.locator('#product-error')).toHaveText('Choisissez un service en ligne.');
    await expect(page.locator('#quantity-error')).toHaveText("Saisissez un nombre d'abonnements.");
    await page.getByRole('radio', { name: EXCHANGE }).check();
    for (const [typed, message] of <[string, string][]>[
      ['2,5', 'Saisissez un nombre entier, sans espace ni décimale (par exemple 5).'],
      ['100001', 'Saisissez un nombre entier de 1 à 100\u202f000.'],
    ]) {
      await quantity.fill(typed);
      await submit.click();
      await expect(page.locator('#quantity-error')).toHaveText(message);
      await expect(quantity).toHaveValue(typed);
      await expect(quantity).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByRole('radio', { name: EXCHANGE })).toBeChecked();
    }
    await expectAccessible(page);

    await quantity.fill('5');
    await submit.click();
    await expect(page).toHaveURL(/\/online-services\/setup\/done\?transaction=\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Service en ligne configuré' })).toBeVisible();
    await expect(page.getByTestId('receipt-change')).toHaveText(/5 abonnements d'Exchange Online \(Plan 1\) sur le compte d'achats 5100203/);
    const reminder = page.getByTestId('order-reminder');
    await expect(reminder).toContainText('demandez rapidement à votre partenaire de commander ce service pour éviter une interruption');
    await expect(reminder).toContainText('Northwind Partenaires');
    await expect(reminder.getByRole('link', { name: 'licences@northwind.example' })).toHaveAttribute('href', 'mailto:licences@northwind.example');
    await expect(reminder.getByRole('link', { name: '+1 514 555 0142' })).toHaveAttribute('href', 'tel:+15145550142');
    await expect(page.getByTestId('receipt-available')).toHaveText('5');
    await expect(page.getByTestId('receipt-ordered')).toHaveText('0');
    await expectAccessible(page);

    // The inventory line: created, 5 available, none ordered, expiring after the 30-day term.
    await page.getByRole('link', { name: "Voir la ligne dans l'inventaire" }).click();
    await expect(page).toHaveURL(new RegExp(`/inventory\\?account=${LYON}&line=(\\d+)#line-\\d+$`));
    const lineId = /line=(\d+)/.exec(page.url())![1]!;
    const row = await lineRow(page, lineId);
    await expect(row.getByTestId('self-provisioned')).toHaveText(/^5 abonnements en service/);
    await expect(row).toContainText('24/12/2026');
    await expect(row).toContainText('Expire dans 30 jours');
    expect(transactionsOf(lineId)).toEqual([{ kind: 'self_provisioning', change: 5, ordered: 0 }]);

    // Its history: the self-provisioning, by whom, with the running total.
    await row.getByRole('link', { name: /^Afficher l'historique/ }).click();
    const entry = page.getByTestId('history-entry');
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('Auto-approvisionnement');
    await expect(entry).toContainText('Camille Martin');
    await expect(page.getByTestId('current-availableCount')).toHaveText('5');

    // The report, filtered to it, and both exports say the same.
    await page.goto(`/reports?account=${LYON}&product=EXO-P1`);
    const reportRow = page.getByTestId('report-row');
    await expect(reportRow).toHaveCount(1);
    await expect(reportRow).toHaveAttribute('data-line-id', lineId);
    await expect(reportRow.locator('td')).toContainText(['5', '0', '5']);
    const inventoryCsv = csvRecord(await (await page.request.get(`/inventory/export?account=${LYON}`)).text(), ';', 'Exchange Online (Plan 1)');
    expect([inventoryCsv['ABONNEMENTS DISPONIBLES'], inventoryCsv['ABONNEMENTS COMMANDÉS'], inventoryCsv['EN SERVICE NON COMMANDÉ'], inventoryCsv['PROCHAINE EXPIRATION']]).toEqual(['5', '0', '5', '2026-12-24']);
    const reportCsv = csvRows(await (await page.request.get(`/reports/export?account=${LYON}&product=EXO-P1`)).text(), ';');
    expect(reportCsv).toHaveLength(2);
    expect(reportCsv[1]).toEqual(expect.arrayContaining([LYON, '5', '0', '5']));

    // Reduce: never below what is ordered (Office 365 E1 on Lyon: 86 available, 80 ordered), never upwards.
    await page.goto(`/inventory?account=${LYON}&expand=all`);
    await page.getByRole('link', { name: /^Réduire ou désactiver ce qui a été configuré : Office 365 E1/ }).click();
    const available = page.getByLabel('Nouvelle quantité disponible');
    const reduce = page.getByRole('button', { name: 'Réduire', exact: true });
    await available.fill('79');
    await reduce.click();
    await expect(page.locator('#available-error')).toHaveText('La quantité ne peut pas être inférieure à la quantité commandée par votre partenaire (80).');
    await available.fill('86');
    await reduce.click();
    await expect(page.locator('#available-error')).toContainText('inférieure à la quantité disponible actuelle (86)');
    await expectAccessible(page);

    // Reduce the new line to 2, then switch off what is left: the history shows each.
    await page.goto(`/inventory?account=${LYON}&line=${lineId}`);
    await (await lineRow(page, lineId)).getByRole('link', { name: /^Réduire ou désactiver/ }).click();
    await page.getByLabel('Nouvelle quantité disponible').fill('2');
    await page.getByRole('button', { name: 'Réduire', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Service en ligne réduit' })).toBeVisible();
    await expect(page.getByTestId('order-reminder')).toContainText('2 abonnements en service ne sont pas commandés');
    await page.getByRole('link', { name: 'Réduire ou désactiver ce qui a été configuré' }).click();
    await page.getByRole('button', { name: "Désactiver ce qui n'est pas commandé" }).click();
    // A second step asks first: nothing is switched off until it is confirmed.
    await expect(page.getByTestId('switch-off-confirmation')).toContainText('Désactiver les 2 abonnements non commandés de cette ligne ?');
    expect(transactionsOf(lineId)).toHaveLength(2);
    await page.getByRole('button', { name: 'Oui, désactiver' }).click();
    await expect(page.getByTestId('order-reminder')).toContainText("il n'y a rien à demander à votre partenaire");
    await expect(page.getByTestId('receipt-available')).toHaveText('0');
    expect(transactionsOf(lineId)).toEqual([
      { kind: 'self_provisioning', change: 5, ordered: 0 },
      { kind: 'self_provisioning', change: -3, ordered: 0 },
      { kind: 'self_provisioning', change: -2, ordered: 0 },
    ]);
    await page.goto(`/inventory/history/${lineId}`);
    await expect(page.getByTestId('history-entry')).toHaveCount(3);
    await page.goto(`/reports?account=${LYON}&product=EXO-P1`);
    await expect(page.getByTestId('report-row')).toHaveCount(0);
    await context.close();
  });

  test('a form posted again — back and resubmit, or twice over — is applied once', async ({ browser }) => {
    const context = await contextOf(browser, USERS.adminFr);
    const page = await context.newPage();
    await page.goto('/online-services/setup?account=5100205');
    const formUrl = page.url();
    await page.getByRole('radio', { name: /^Office 365 E1/ }).check();
    await page.getByLabel("Nombre d'abonnements").fill('1');
    await page.getByRole('button', { name: 'Configurer le service' }).click();
    await expect(page).toHaveURL(/\/done\?transaction=\d+$/);
    const receipt = page.url();

    // Back to the form (the same key in its address) and post it again: the same receipt, nothing more.
    await page.goBack();
    await expect(page).toHaveURL(formUrl);
    await page.getByRole('radio', { name: /^Office 365 E1/ }).check();
    await page.getByLabel("Nombre d'abonnements").fill('1');
    await page.getByRole('button', { name: 'Configurer le service' }).click();
    await expect(page).toHaveURL(receipt);
    await page.reload();
    await expect(page.getByTestId('receipt-available')).toHaveText('1');

    // The same form posted twice over HTTP, as a double click without JavaScript would.
    const html = await (await page.request.get(formUrl)).text();
    const form = findForm(html, /name="quantity"/);
    const answers = await Promise.all(
      [0, 1].map(() => page.request.post(formUrl, { multipart: formBody(form, { product: 'O365-E1', quantity: '1' }), headers: { origin: server.baseURL }, maxRedirects: 0 })),
    );
    const targets = answers.map((answer) => answer.headers()['location'] ?? answer.headers()['x-action-redirect']);
    expect(answers.map((answer) => answer.status())).toEqual([303, 303]);
    expect(targets[0]).toBe(targets[1]);
    expect(targets[0]).toBe(new URL(receipt).pathname + new URL(receipt).search);
    await context.close();
  });

  test('works without JavaScript, errors included', async ({ browser }) => {
    const context = await contextOf(browser, USERS.adminFr, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/inventory?account=5100207');
    await page.getByRole('link', { name: 'CONFIGURER DES SERVICES EN LIGNE' }).click();
    // The service search is a plain GET form.
    await page.getByLabel('Rechercher un service en ligne').fill('dynam');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page.getByRole('radio')).toHaveCount(2);
    await page.getByRole('radio', { name: /^Dynamics 365 Sales/ }).check();
    await page.getByLabel("Nombre d'abonnements").fill('trois');
    await page.getByRole('button', { name: 'Configurer le service' }).click();
    await expect(page.locator('#quantity-error')).toHaveText('Saisissez un nombre entier, sans espace ni décimale (par exemple 5).');
    await expect(page.getByLabel("Nombre d'abonnements")).toHaveValue('trois');
    await expect(page.getByRole('radio', { name: /^Dynamics 365 Sales/ })).toBeChecked();
    await expectAccessibleWithoutJs(page, browser);
    await page.getByLabel("Nombre d'abonnements").fill('3');
    await page.getByRole('button', { name: 'Configurer le service' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Service en ligne configuré' })).toBeVisible();
    await expect(page.getByTestId('receipt-available')).toHaveText('3');
    await expectAccessibleWithoutJs(page, browser);
    await context.close();
  });

  test('in English', async ({ browser }) => {
    const context = await contextOf(browser, USERS.adminEn);
    const page = await context.newPage();
    await page.goto('/inventory?account=5100201');
    await page.getByRole('link', { name: 'SET UP ONLINE SERVICES' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Set up online services' })).toBeVisible();
    await page.getByRole('radio', { name: EXCHANGE }).check();
    await page.getByLabel('Number of subscriptions').fill('0');
    await page.getByRole('button', { name: 'Set up the service' }).click();
    await expect(page.locator('#quantity-error')).toHaveText('Enter a whole number from 1 to 100,000.');
    await expectAccessible(page);
    await page.getByLabel('Number of subscriptions').fill('12');
    await page.getByRole('button', { name: 'Set up the service' }).click();
    await expect(page.getByTestId('order-reminder')).toContainText('ask your partner to order this service quickly to avoid an interruption');
    await expectAccessible(page);
    await context.close();
  });
});

const transactionCount = () => {
  const db = new Database(E2E_DATABASE_PATH, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from inventory_transactions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

for (const role of ['viewerFr', 'partnerFr'] as const) {
  test.describe(`set up online services is not for a ${role === 'viewerFr' ? 'account viewer' : 'partner user'}`, () => {
    test.use(sessionOf(role));

    test('no button, no page, and a forged post is a 404 that writes nothing', async ({ page, browser }) => {
      const scope = role === 'partnerFr' ? 'customer=1000201&' : '';
      await page.goto(`/inventory?${scope}account=${LYON}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByTestId('set-up-services')).toHaveCount(0);
      await expect(page.getByRole('link', { name: /^Réduire ou désactiver/ })).toHaveCount(0);
      for (const path of [`/online-services/setup?${scope}account=${LYON}`, '/online-services/reduce?line=1', '/online-services/setup/done?transaction=1']) {
        expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
      }

      // The administrator's own form, posted with this person's session.
      const admin = await browser.newContext({ ...sessionOf('adminFr') });
      const formPage = await admin.request.get(`/online-services/setup?account=${LYON}`);
      const form = findForm(await formPage.text(), /name="quantity"/);
      await admin.close();
      const before = transactionCount();
      const target = new URL(formPage.url());
      const answer = await page.request.post(target.pathname + target.search, {
        multipart: formBody(form, { product: 'EXO-P1', quantity: '4' }),
        headers: { origin: new URL(page.url()).origin },
        maxRedirects: 0,
      });
      expect(answer.status()).toBe(404);
      expect(transactionCount()).toBe(before);
    });
  });
}
