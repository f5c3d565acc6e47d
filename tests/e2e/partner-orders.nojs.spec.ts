/**
 * Recording, sending and cancelling an order without JavaScript:
 * the form's own buttons add and remove item rows through the server with
 * everything typed kept, mistakes come back beside their fields, the send
 * button and the cancel disclosure work as plain HTML; and a form posted
 * twice records one order. Against a server with a database of its own.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { signInOverHttp, type HttpSession } from '../helpers/http-session';
import { findForm, formBody } from '../helpers/html-forms';
import { signedInContext, startAuxServer, type AuxServer } from './aux-server';
import { expectAccessibleWithoutJs } from './support';
import { PASSWORD, USERS } from './users';

test.describe('recording an order without JavaScript (own database)', () => {
  test.describe.configure({ mode: 'serial' });

  let server: AuxServer;
  let session: HttpSession;
  const outbox = mkdtempSync(join(tmpdir(), 'license-desk-orders-nojs-outbox-'));

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAuxServer('partner-orders-nojs', 6, { OUTBOX_DIR: outbox });
    session = await signInOverHttp(server.baseURL, USERS.partnerFr, PASSWORD);
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  const orderCount = () => {
    const db = new Database(server.databasePath, { readonly: true });
    try {
      return (db.prepare('select count(*) as n from orders').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  test('rows added and removed by the server, mistakes beside their fields, then sent and cancelled', async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await signedInContext(browser, session, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/partner/orders/new?customer=1000201');
    await expect(page).toHaveURL(/\/partner\/orders\/new\?customer=1000201&key=[0-9a-f]{32}$/);

    await page.getByRole('combobox', { name: "Compte d'achats" }).selectOption('5100205');
    await page.getByLabel('Produit').fill('EMS-E3');
    await page.getByLabel('Quantité').fill('3');
    await page.getByRole('combobox', { name: 'Devise' }).selectOption('CHF');
    await page.getByLabel('Prix unitaire').fill('10,5');
    await page.getByRole('group', { name: 'Facturer à' }).getByLabel('Nom').fill('Fabrikam Genève');
    await page.getByRole('button', { name: 'Ajouter un article' }).click();
    await expect(page.getByTestId('order-item-row')).toHaveCount(2);
    await expect(page.getByLabel('Produit').first()).toHaveValue('EMS-E3');
    await expect(page.getByRole('combobox', { name: "Compte d'achats" })).toHaveValue('5100205');
    await expect(page.getByRole('combobox', { name: 'Devise' })).toHaveValue('CHF');
    await expect(page.getByLabel('Prix unitaire').first()).toHaveValue('10,5');
    await expect(page.getByRole('group', { name: 'Facturer à' }).getByLabel('Nom')).toHaveValue('Fabrikam Genève');
    // A licence's editions, versions and resource usages, asked of the server by the row's button.
    await page.getByLabel('Produit').nth(1).fill('OFFICE-PROPLUS');
    await page.getByRole('button', { name: "Afficher les éditions, versions et utilisations connues de l'article 2" }).click();
    await expect(page.locator('[id="2.version-hint"]')).toContainText("Déjà dans l'inventaire de ce client : 2013 ; 2016 ; 2019 ; 2021 ; LTSC 2024.");
    await expect(page.locator('[id="2.edition-hint"]')).toContainText('Professionnel Plus');
    await expect(page.locator('[id="2-usage-choices"] option')).toHaveAttribute('value', 'Par appareil');
    await expect(page.getByLabel('Produit').first()).toHaveValue('EMS-E3');
    await page.getByRole('button', { name: "Retirer l'article 2" }).click();
    await expect(page.getByTestId('order-item-row')).toHaveCount(1);
    await expect(page.getByLabel('Quantité')).toHaveValue('3');

    await page.getByRole('button', { name: 'Enregistrer la commande', exact: true }).last().click();
    await expect(page.getByTestId('order-errors')).toBeVisible();
    await expect(page.locator('[id="po-error"]')).toHaveText('Indiquez le numéro du bon de commande du client.');
    await expect(page.getByLabel('Produit')).toHaveValue('EMS-E3');
    await expectAccessibleWithoutJs(page, browser);

    await page.getByLabel('Numéro du bon de commande du client').fill('FAB-GVA-0042');
    await page.getByRole('button', { name: 'Enregistrer la commande', exact: true }).last().click();
    await expect(page).toHaveURL(/\/orders\/NWP-000001\?customer=1000201&done=recorded$/);
    await expect(page.getByTestId('order-done')).toContainText('Commande NWP-000001 enregistrée.');
    // 3 × 10,50 CHF, billed to the name typed.
    await expect(page.getByTestId('order-information')).toContainText('CHF');
    await expect(page.getByTestId('order-information')).toContainText('Fabrikam Genève');
    await expect(page.getByTestId('order-total')).toHaveText(/TOTAL DE LA COMMANDE\s*31,50\sCHF/);
    await expectAccessibleWithoutJs(page, browser);

    await page.getByRole('button', { name: 'Envoyer au client' }).click();
    await expect(page.getByTestId('send-link-status')).toHaveText('Lien envoyé à 2 administrateurs du client.');
    await expect.poll(() => readdirSync(outbox).length).toBe(2);

    await page.getByText('Annuler cette commande').click();
    await page.getByRole('button', { name: "Confirmer l'annulation de la commande NWP-000001" }).click();
    await expect(page).toHaveURL(/\/orders\/NWP-000001\?customer=1000201&done=cancelled$/);
    await expect(page.getByTestId('order-status')).toContainText('Annulée le 24/11/2026');
    await context.close();
  });

  test('a form posted twice records one order, and the second post leads to it', async () => {
    const headers = { cookie: session.cookie, origin: server.baseURL };
    const formPage = await fetch(`${server.baseURL}/partner/orders/new?customer=1000201&account=5100201`, { headers, redirect: 'follow' });
    const address = new URL(formPage.url);
    const form = findForm(await formPage.text(), /name="po"/);
    const body = () => formBody(form, { po: 'FAB-MTL-TWICE', '1.product': 'O365-E3', '1.quantity': '2' });
    const before = orderCount();
    // As a double click without JavaScript would: both at once.
    const answers = await Promise.all([0, 1].map(() => fetch(address, { method: 'POST', body: body(), headers, redirect: 'manual' })));
    expect(orderCount()).toBe(before + 1);
    expect(answers.map((answer) => answer.status)).toEqual([303, 303]);
    const targets = answers.map((answer) => answer.headers.get('location') ?? answer.headers.get('x-action-redirect'));
    expect(targets[0]).toBe(targets[1]);
    expect(targets[0]).toMatch(/^\/orders\/NWP-000002\?customer=1000201&done=recorded$/);
  });
});
