/**
 * The loop closes inside the product: a customer administrator
 * switches an online service on, the partner finds the gap in the report,
 * records the order from it, the gap closes, the partner sends the order's
 * link and the customer's administrators get it in their language; the
 * partner cancels within 14 days and the gap is back. In French with
 * JavaScript (the whole flow), then in English (items added and removed in
 * place, every mistake answered beside its field); without JavaScript in
 * partner-orders.nojs.spec.ts.
 *
 * These tests write, so they run against a server with a database of its own
 * (tests/e2e/aux-server.ts) that writes its mail to an outbox folder. The
 * fixed test "today" is 2026-11-24.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser, type ParsedMail } from 'mailparser';
import { expect, test, type Locator } from '@playwright/test';
import { signInOverHttp, type HttpSession } from '../helpers/http-session';
import { signedInContext, startAuxServer, type AuxServer } from './aux-server';
import { expectAccessible } from './support';
import { PASSWORD, USERS } from './users';

const FABRIKAM = '1000201';

/** The values of every field a locator finds, in order. */
const values = (fields: Locator) => fields.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
const LYON = '5100203';

test.describe('a partner records the order of what the customer switched on (own database)', () => {
  test.describe.configure({ mode: 'serial' });

  let server: AuxServer;
  const outbox = mkdtempSync(join(tmpdir(), 'license-desk-orders-outbox-'));
  const sessions = new Map<string, HttpSession>();

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAuxServer('partner-orders', 5, { OUTBOX_DIR: outbox });
    for (const email of [USERS.adminFr, USERS.partnerFr, USERS.partnerEn]) sessions.set(email, await signInOverHttp(server.baseURL, email, PASSWORD));
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  const mails = async (): Promise<ParsedMail[]> => Promise.all(readdirSync(outbox).map((file) => simpleParser(readFileSync(join(outbox, file)))));
  const line = (account: string, product: string) => {
    const db = new Database(server.databasePath, { readonly: true });
    try {
      return db
        .prepare(
          `select l.available_count as available, l.ordered_count as ordered, l.next_expiration as expires from inventory_lines l
             join purchase_accounts a on a.id = l.purchase_account_id join products p on p.id = l.product_id
            where a.number = ? and p.code = ? and l.kind = 'subscription'`,
        )
        .get(account, product);
    } finally {
      db.close();
    }
  };

  test('switched on by the customer, ordered from the report, the link sent and opened, then cancelled (French)', async ({ browser }) => {
    test.setTimeout(120_000);
    // The customer switches 5 subscriptions of Exchange Online (Plan 1) on, on Lyon (Northwind is its partner of record).
    const customer = await signedInContext(browser, sessions.get(USERS.adminFr)!);
    const admin = await customer.newPage();
    await admin.goto(`/online-services/setup?account=${LYON}`);
    await admin.getByRole('radio', { name: /^Exchange Online \(Plan 1\)/ }).check();
    await admin.getByLabel("Nombre d'abonnements").fill('5');
    await admin.getByRole('button', { name: 'Configurer le service' }).click();
    await expect(admin.getByTestId('receipt-available')).toHaveText('5');
    expect(line(LYON, 'EXO-P1')).toEqual({ available: 5, ordered: 0, expires: '2026-12-24' });

    // The partner sees the gap in the report, and orders it from there: the form is filled in.
    const partnerContext = await signedInContext(browser, sessions.get(USERS.partnerFr)!);
    const partner = await partnerContext.newPage();
    await partner.goto(`/reports?customer=${FABRIKAM}&account=${LYON}&product=EXO-P1`);
    const gap = partner.getByTestId('report-row');
    await expect(gap).toHaveCount(1);
    await expect(gap.locator('td')).toContainText(['5', '0', '5']);
    await gap.getByRole('link', { name: `Commander 5 Exchange Online (Plan 1) pour le compte ${LYON}` }).click();
    await expect(partner).toHaveURL(new RegExp(`/partner/orders/new\\?customer=${FABRIKAM}&account=${LYON}&product=EXO-P1&quantity=5&key=[0-9a-f]{32}$`));
    await expect(partner.getByRole('heading', { level: 1, name: 'Enregistrer une commande' })).toBeVisible();
    await expect(partner.getByTestId('partner-banner')).toContainText('Fabrikam Industries SA');
    await expect(partner.getByRole('combobox', { name: "Compte d'achats" })).toHaveValue(LYON);
    await expect(partner.getByLabel('Produit')).toHaveValue('EXO-P1');
    await expect(partner.getByLabel('Quantité')).toHaveValue('5');
    await expect(partner.getByLabel('Durée (mois)')).toHaveValue('12');
    // The currency and the parties of Lyon's latest order, to check rather than type.
    await expect(partner.getByRole('combobox', { name: 'Devise' })).toHaveValue('EUR');
    const billTo = partner.getByRole('group', { name: 'Facturer à' });
    const shipTo = partner.getByRole('group', { name: 'Livrer à' });
    await expect(billTo.getByLabel('Nom')).toHaveValue('Fabrikam Industries SA – Comptabilité fournisseurs');
    await expect(billTo.getByLabel('Adresse')).toHaveValue('15, quai Perrache\n69002 Lyon\nFrance');
    await expect(shipTo.getByLabel('Nom')).toHaveValue('Fabrikam Lyon');
    await shipTo.getByLabel('Nom').fill('Fabrikam Lyon – Informatique');
    await expectAccessible(partner);

    // The customer PO number is required, and a price has at most two decimals: said beside each field, the rest kept.
    await partner.getByLabel('Prix unitaire').fill('4,555');
    await partner.getByRole('button', { name: 'Enregistrer la commande', exact: true }).last().click();
    await expect(partner.getByTestId('order-errors')).toHaveText("La commande n'a pas été enregistrée : corrigez les champs signalés.");
    await expect(partner.locator('[id="po-error"]')).toHaveText('Indiquez le numéro du bon de commande du client.');
    await expect(partner.locator('[id="1.price-error"]')).toHaveText('Ce prix a trop de décimales : au plus deux pour cette devise.');
    await expect(partner.getByLabel('Produit')).toHaveValue('EXO-P1');
    await expect(partner.getByLabel('Prix unitaire')).toHaveValue('4,555');
    await expect(shipTo.getByLabel('Nom')).toHaveValue('Fabrikam Lyon – Informatique');
    await partner.getByLabel('Prix unitaire').fill('4,50');
    await partner.getByLabel('Numéro du bon de commande du client').fill('FAB-LYO-0099');
    await partner.getByRole('button', { name: 'Enregistrer la commande', exact: true }).last().click();

    // The order's page: recorded, its link ready, and the tools of the partner.
    await expect(partner).toHaveURL(new RegExp(`/orders/NWP-000001\\?customer=${FABRIKAM}&done=recorded$`));
    await expect(partner.getByTestId('order-done')).toHaveText('Commande NWP-000001 enregistrée. Son lien est prêt : copiez-le ou envoyez-le au client.');
    await expect(partner.getByTestId('order-link').getByRole('link')).toHaveText(`${server.baseURL}/orders/NWP-000001`);
    await expect(partner.getByTestId('customer-po-number')).toContainText('FAB-LYO-0099');
    await expect(partner.getByTestId('order-status')).toContainText('Terminée');
    await expect(partner.getByTestId('order-item')).toContainText(['Exchange Online (Plan 1)']);
    // As complete as an imported order: currency, parties, the price, the item's amount and the order's total (5 × 4,50 €).
    const information = partner.getByTestId('order-information');
    await expect(information).toContainText('EUR');
    await expect(information).toContainText('Fabrikam Industries SA – Comptabilité fournisseurs');
    await expect(information).toContainText('Fabrikam Lyon – Informatique');
    await expect(information).not.toContainText('Non renseigné');
    await expect(partner.getByTestId('order-item')).toContainText(/4,50\s€/);
    await expect(partner.getByTestId('order-item')).toContainText(/22,50\s€/);
    await expect(partner.getByTestId('order-total')).toHaveText(/TOTAL DE LA COMMANDE\s*22,50\s€/);
    await expectAccessible(partner);
    // Its CSV, from its page: the same figures, exact, as a French spreadsheet reads them.
    const csv = await (await partner.request.get((await partner.getByTestId('order-export').getAttribute('href'))!)).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(';').map((cell) => cell.replace(/^"(.*)"$/, '$1')));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect([cell('NUMÉRO DE COMMANDE'), cell('PRIX UNITAIRE'), cell('MONTANT'), cell('DEVISE'), cell('TOTAL DE LA COMMANDE'), cell('LIVRER À')]).toEqual(['NWP-000001', '4,50', '22,50', 'EUR', '22,50', 'Fabrikam Lyon – Informatique']);
    // Printed: the figures and the parties, without the controls.
    await partner.emulateMedia({ media: 'print' });
    await expect(partner.getByTestId('order-total')).toBeVisible();
    await expect(information).toBeVisible();
    await expect(partner.getByTestId('order-export')).toBeHidden();
    await expect(partner.getByRole('button', { name: 'Copier le lien' })).toBeHidden();
    await partner.emulateMedia({ media: 'screen' });
    // The gap closed: ordered 5, available still 5; the line now runs a year.
    expect(line(LYON, 'EXO-P1')).toEqual({ available: 5, ordered: 5, expires: '2027-11-24' });
    await partner.goto(`/reports?customer=${FABRIKAM}&account=${LYON}&product=EXO-P1`);
    await expect(partner.getByTestId('report-row')).toHaveCount(0);

    // Sent to the customer's two administrators, each in their language.
    await partner.goto(`/orders/NWP-000001?customer=${FABRIKAM}`);
    await partner.getByRole('button', { name: 'Envoyer au client' }).click();
    await expect(partner.getByTestId('send-link-status')).toHaveText('Lien envoyé à 2 administrateurs du client.');
    await expect.poll(async () => (await mails()).length).toBe(2);
    const sent = await mails();
    const french = sent.find((mail) => mail.subject?.startsWith('Votre commande'))!;
    const english = sent.find((mail) => mail.subject?.startsWith('Your order'))!;
    expect(french.subject).toBe('Votre commande NWP-000001 passée par Northwind Partenaires');
    expect((french.to as { text: string }).text).toContain(USERS.adminFr);
    expect(english.subject).toBe('Your order NWP-000001 placed by Northwind Partenaires');
    expect((english.to as { text: string }).text).toContain(USERS.adminEn);
    const link = /(http:\/\/\S+\/orders\/NWP-000001)/.exec(french.text!)![1]!;

    // The customer follows the link: the order, as the partner recorded it.
    await admin.goto(link);
    await expect(admin.getByRole('heading', { level: 1, name: 'Commande NWP-000001' })).toBeVisible();
    await expect(admin.getByTestId('customer-po-number')).toContainText('FAB-LYO-0099');
    await expect(admin.getByTestId('partner-order-tools')).toHaveCount(0);
    // Their activity log says who ordered and who sent the link.
    await admin.goto('/account/activity');
    await expect(admin.getByRole('row').filter({ hasText: 'Commande enregistrée' })).toContainText('Mathieu Gagnon');
    await expect(admin.getByRole('row').filter({ hasText: 'Lien de commande envoyé au client' })).toContainText('NWP-000001');

    // Cancelled within 14 days: the effects reversed, the order kept as cancelled, the gap back.
    await partner.getByText('Annuler cette commande').click();
    await expect(partner.getByTestId('cancel-order')).toContainText("jusqu'au 08/12/2026");
    await partner.getByRole('button', { name: "Confirmer l'annulation de la commande NWP-000001" }).click();
    await expect(partner).toHaveURL(new RegExp(`/orders/NWP-000001\\?customer=${FABRIKAM}&done=cancelled$`));
    await expect(partner.getByTestId('order-done')).toHaveText("Commande NWP-000001 annulée : ses effets sur l'inventaire ont été inversés.");
    await expect(partner.getByTestId('order-status')).toContainText('Annulée le 24/11/2026');
    await expect(partner.getByTestId('cancel-order')).toHaveCount(0);
    expect(line(LYON, 'EXO-P1')).toEqual({ available: 5, ordered: 0, expires: '2026-12-24' });
    await partner.goto(`/reports?customer=${FABRIKAM}&account=${LYON}&product=EXO-P1`);
    await expect(partner.getByTestId('report-row')).toHaveCount(1);
    await customer.close();
    await partnerContext.close();
  });

  test('several items, added and removed in place, each mistake beside its field (English)', async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await signedInContext(browser, sessions.get(USERS.partnerEn)!, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`/orders?customer=${FABRIKAM}&account=5100201`);
    await page.getByTestId('record-order').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Record an order' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Purchase account' })).toHaveValue('5100201');

    // Three rows, the middle one removed in place: nothing typed is lost.
    await page.getByRole('button', { name: 'Add an item' }).click();
    await expect(page.getByLabel('Product').nth(1)).toBeFocused();
    await page.getByRole('button', { name: 'Add an item' }).click();
    await expect(page.getByTestId('order-item-row')).toHaveCount(3);
    const products = page.getByLabel('Product');
    await products.nth(0).fill('sql serv cal');
    await products.nth(1).fill('to be removed');
    await products.nth(2).fill('O365-E3');
    await page.getByLabel('Quantity').nth(2).fill('2.5');
    await page.getByRole('button', { name: 'Remove item 2' }).click();
    await expect(page.getByTestId('order-item-row')).toHaveCount(2);
    expect(await values(products)).toEqual(['sql serv cal', 'O365-E3']);

    await page.getByLabel('Customer PO number').fill('FAB-MTL-0777');
    // Montréal's orders are in Canadian dollars: the form starts there.
    await expect(page.getByRole('combobox', { name: 'Currency' })).toHaveValue('CAD');
    await page.getByLabel('Unit price').nth(1).fill('27.6O');
    await page.getByRole('button', { name: 'Record the order', exact: true }).last().click();
    await expect(page.getByTestId('order-errors')).toBeVisible();
    await expect(page.getByTestId('order-item-row').nth(0)).toContainText('Enter the quantity.');
    await expect(page.getByTestId('order-item-row').nth(1)).toContainText('Enter a whole number, without decimals.');
    await expect(page.getByTestId('order-item-row').nth(1)).toContainText('Enter a price such as 1234.56: digits, then a point or a comma before the decimals.');
    await page.getByLabel('Unit price').nth(1).fill('27.60');
    expect(await values(products)).toEqual(['sql serv cal', 'O365-E3']);
    await expectAccessible(page);

    // The catalogue answers an unknown product with what it might be.
    await page.getByLabel('Quantity').nth(0).fill('4');
    await page.getByLabel('Quantity').nth(1).fill('10');
    await page.getByRole('checkbox', { name: 'With Software Assurance' }).nth(1).check();
    await page.getByRole('button', { name: 'Record the order', exact: true }).last().click();
    await expect(page.getByTestId('order-item-row').nth(0)).toContainText('No such product in the catalogue. Did you mean: SQL-CAL (SQL Server CAL)');
    await expect(page.getByTestId('order-item-row').nth(1)).toContainText('Software Assurance applies to licenses only, not to online services.');
    await products.nth(0).fill('SQL-CAL');
    // Leaving the product: its version and resource usage already in the customer's inventory, to pick from.
    await page.getByLabel('Version').nth(0).focus();
    await expect(page.locator('[id="1.version-hint"]')).toHaveText("Licenses only. Already in this customer's inventory: 2022.");
    await expect(page.locator('[id="1-version-choices"] option')).toHaveAttribute('value', '2022');
    // In the reader's language: the usage's English name, never the French one.
    await expect(page.locator('[id="1.usage-hint"]')).toHaveText("Licenses only. Already in this customer's inventory: Per user.");
    await page.getByLabel('Version').nth(0).fill('2022');
    await page.getByLabel('Resource usage').nth(0).fill('Per user');
    await page.getByRole('checkbox', { name: 'With Software Assurance' }).nth(0).check();
    await page.getByRole('checkbox', { name: 'With Software Assurance' }).nth(1).uncheck();
    await page.getByRole('button', { name: 'Record the order', exact: true }).last().click();

    await expect(page).toHaveURL(/\/orders\/NWP-000002\?customer=1000201&done=recorded$/);
    await expect(page.getByTestId('order-done')).toHaveText('Order NWP-000002 recorded. Its link is ready: copy it or send it to the customer.');
    const items = page.getByTestId('order-item');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText('SQL Server CAL');
    await expect(items.nth(0)).toContainText('Per user');
    await expect(items.nth(0)).toContainText('Yes');
    await expect(items.nth(1)).toContainText('12 months');
    // 10 × CA$27.60; the licence has no price, and the total says so.
    await expect(items.nth(1)).toContainText('CA$276.00');
    await expect(page.getByTestId('order-total')).toContainText('ORDER TOTAL');
    await expect(page.getByTestId('order-total')).toContainText('CA$276.00');
    await expect(page.getByTestId('order-total')).toContainText('Excluding 1 item without a price');
    await expectAccessible(page);
    await context.close();
  });
});
