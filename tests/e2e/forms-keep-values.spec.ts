/**
 * Every form of the product keeps everything a person typed and chose after
 * a mistake, with JavaScript (React resets a form after a server action: what
 * comes back must be what was chosen, drop-downs included), and what is
 * recorded once the mistake is corrected is exactly what was chosen — the
 * account, the language, the role, the boxes, the items. French. These
 * write, so they run on a server with a database of its own.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { signInOverHttp } from '../helpers/http-session';
import { signedInContext, startAuxServer, type AuxServer } from './aux-server';
import { PASSWORD, USERS } from './users';

const FABRIKAM = '1000201';

test.describe('forms keep what was typed and record what was chosen (own database)', () => {
  test.describe.configure({ mode: 'serial' });
  let server: AuxServer;
  const outbox = mkdtempSync(join(tmpdir(), 'license-desk-forms-outbox-'));

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAuxServer('forms', 7, { OUTBOX_DIR: outbox });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  const contextOf = async (browser: Browser, email: string) => signedInContext(browser, await signInOverHttp(server.baseURL, email, PASSWORD), { locale: 'fr-FR' });
  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = new Database(server.databasePath, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  test('set up a service on the account chosen (not the one the page opened with), then reduce it', async ({ browser }) => {
    const context = await contextOf(browser, USERS.adminFr);
    const page = await context.newPage();
    await page.goto('/online-services/setup?account=5100201');
    const account = page.getByRole('combobox', { name: "Compte d'achats" });
    await expect(account).toHaveValue('5100201');
    await account.selectOption('5100203');
    await page.getByRole('radio', { name: /^Exchange Online \(Plan 1\)/ }).check();
    // The mistake: no quantity.
    await page.getByRole('button', { name: 'Configurer le service' }).click();
    await expect(page.locator('#quantity-error')).toBeVisible();
    await expect(account).toHaveValue('5100203');
    await expect(page.getByRole('radio', { name: /^Exchange Online \(Plan 1\)/ })).toBeChecked();
    // A second mistake keeps it too.
    await page.getByLabel("Nombre d'abonnements").fill('2,5');
    await page.getByRole('button', { name: 'Configurer le service' }).click();
    await expect(page.locator('#quantity-error')).toHaveText('Saisissez un nombre entier, sans espace ni décimale (par exemple 5).');
    await expect(account).toHaveValue('5100203');
    await expect(page.getByLabel("Nombre d'abonnements")).toHaveValue('2,5');

    await page.getByLabel("Nombre d'abonnements").fill('4');
    await page.getByRole('button', { name: 'Configurer le service' }).click();
    await expect(page.getByTestId('receipt-available')).toBeVisible();
    await expect(page.getByRole('main')).toContainText("sur le compte d'achats 5100203");
    const recorded = () =>
      query<{ account: string; change: number }>(
        `select a.number as account, t.available_delta as change from inventory_transactions t join inventory_lines l on l.id = t.line_id
           join purchase_accounts a on a.id = l.purchase_account_id join products p on p.id = l.product_id
          where t.kind = 'self_provisioning' and p.code = 'EXO-P1' and t.author_user_id = (select id from users where email = ?) order by t.id`,
        USERS.adminFr,
      );
    expect(recorded()).toEqual([{ account: '5100203', change: 4 }]);

    // The reduction: a mistake, the value kept; then the quantity chosen.
    await page.getByRole('link', { name: 'Réduire ou désactiver ce qui a été configuré' }).click();
    await page.getByLabel('Nouvelle quantité disponible').fill('deux');
    await page.getByRole('button', { name: 'Réduire', exact: true }).click();
    await expect(page.locator('#available-error')).toBeVisible();
    await expect(page.getByLabel('Nouvelle quantité disponible')).toHaveValue('deux');
    await page.getByLabel('Nouvelle quantité disponible').fill('1');
    await page.getByRole('button', { name: 'Réduire', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Service en ligne réduit' })).toBeVisible();
    expect(recorded()).toEqual([
      { account: '5100203', change: 4 },
      { account: '5100203', change: -3 },
    ]);
    await context.close();
  });

  test('invite a person in English as a viewer of one account, then change their access', async ({ browser }) => {
    const context = await contextOf(browser, USERS.adminFr);
    const page = await context.newPage();
    await page.goto('/account/users/new');
    await page.getByLabel('Adresse e-mail').fill('invitee.en@fabrikam.example');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await page.getByRole('radio', { name: /^Lecteur de comptes d'achats/ }).check();
    await page.getByRole('checkbox', { name: /^5100203/ }).check();
    // The mistake: no name.
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await expect(page.locator('#name-error')).toHaveText('Saisissez le nom.');
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue('invitee.en@fabrikam.example');
    await expect(page.getByRole('combobox', { name: 'Langue' })).toHaveValue('en');
    await expect(page.getByRole('radio', { name: /^Lecteur de comptes d'achats/ })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: /^5100203/ })).toBeChecked();

    await page.getByLabel('Nom').fill('Invitee English');
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await expect(page).toHaveURL(/\/account\/users\?invited=1$/);
    const [person] = query<{ id: number; locale: string; role: string }>(
      `select u.id, u.locale, g.role from users u join grants g on g.user_id = u.id where u.email = 'invitee.en@fabrikam.example'`,
    );
    expect(person).toMatchObject({ locale: 'en', role: 'account_viewer' });
    const grantedAccounts = () =>
      query<{ number: string }>(
        `select a.number from grant_accounts ga join grants g on g.id = ga.grant_id join purchase_accounts a on a.id = ga.purchase_account_id where g.user_id = ? order by a.number`,
        person!.id,
      ).map((row) => row.number);
    expect(grantedAccounts()).toEqual(['5100203']);
    // The invitation is written in the invitee's language (sent by the server's outbox worker, shortly after).
    const invitationSubject = async () => {
      const mails = await Promise.all(readdirSync(outbox).map((file) => simpleParser(readFileSync(join(outbox, file)))));
      return mails.find((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text.includes('invitee.en@fabrikam.example')))?.subject;
    };
    await expect.poll(invitationSubject).toBe('Your License Desk access');

    // Change of access: the mistake (a viewer of no account), everything kept; then the account chosen.
    await page.goto(`/account/users/${person!.id}`);
    await page.getByRole('checkbox', { name: /^5100203/ }).uncheck();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.locator('#accounts-error')).toHaveText("Cochez au moins un compte d'achats.");
    await expect(page.getByRole('radio', { name: /^Lecteur de comptes d'achats/ })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: /^5100203/ })).not.toBeChecked();
    await page.getByRole('checkbox', { name: /^5100204/ }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status')).toContainText('Modifications enregistrées');
    expect(grantedAccounts()).toEqual(['5100204']);
    await context.close();
  });

  test("record a partner's order on the account chosen, with every item as typed", async ({ browser }) => {
    const context = await contextOf(browser, USERS.partnerFr);
    const page = await context.newPage();
    await page.goto(`/partner/orders/new?customer=${FABRIKAM}&account=5100201`);
    const account = page.getByRole('combobox', { name: "Compte d'achats" });
    await expect(account).toHaveValue('5100201');
    await account.selectOption('5100203');
    await page.getByLabel('Numéro du bon de commande du client').fill('BC-ÉTÉ-2026');
    const rows = page.getByTestId('order-item-row');
    await rows.nth(0).getByLabel('Produit').fill('EXO-P1');
    await rows.nth(0).getByLabel('Durée (mois)').fill('24');
    await page.getByRole('button', { name: '+ Ajouter un article' }).click();
    await rows.nth(1).getByLabel('Produit').fill('EXO-P1');
    await rows.nth(1).getByLabel('Quantité').fill('3');
    // The mistake: the first item has no quantity.
    await page.getByRole('button', { name: 'Enregistrer la commande', exact: true }).last().click();
    await expect(page.getByTestId('order-errors')).toBeVisible();
    await expect(account).toHaveValue('5100203');
    await expect(page.getByLabel('Numéro du bon de commande du client')).toHaveValue('BC-ÉTÉ-2026');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByLabel('Durée (mois)')).toHaveValue('24');
    await expect(rows.nth(1).getByLabel('Quantité')).toHaveValue('3');

    await rows.nth(0).getByLabel('Quantité').fill('2');
    await page.getByRole('button', { name: 'Enregistrer la commande', exact: true }).last().click();
    await expect(page).toHaveURL(/\/orders\/NWP-\d{6}\?customer=1000201&done=recorded$/);
    const [order] = query<{ id: number; account: string; po: string }>(
      `select o.id, a.number as account, o.customer_po_number as po from orders o join purchase_accounts a on a.id = o.purchase_account_id where o.number like 'NWP-%' order by o.id desc limit 1`,
    );
    expect(order).toMatchObject({ account: '5100203', po: 'BC-ÉTÉ-2026' });
    expect(query(`select p.code as product, i.quantity, i.term_months as term from order_items i join products p on p.id = i.product_id where i.order_id = ? order by i.position`, order!.id)).toEqual([
      { product: 'EXO-P1', quantity: 2, term: 24 },
      { product: 'EXO-P1', quantity: 3, term: 12 },
    ]);
    await context.close();
  });

  async function chooseNewPassword(page: Page, password: string) {
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill(password);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  }

  test('sign in, ask for a reset link, choose a password, change it: each with a mistake first', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'fr-FR' });
    const page = await context.newPage();
    // Forgotten password: a malformed address is said and kept; the corrected one gets the link.
    await page.goto('/forgot-password');
    await page.getByLabel('Adresse e-mail').fill('lucie.bernard@fabrikam');
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await expect(page.locator('#email-error')).toHaveText('Saisissez votre adresse e-mail.');
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue('lucie.bernard@fabrikam');
    const before = readdirSync(outbox).length;
    await page.getByLabel('Adresse e-mail').fill(USERS.viewerFr);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await expect(page.getByTestId('reset-sent')).toBeVisible();
    await expect.poll(() => readdirSync(outbox).length).toBe(before + 1);
    const mails = await Promise.all(readdirSync(outbox).map((file) => simpleParser(readFileSync(join(outbox, file)))));
    const link = mails.map((mail) => /(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1]).find(Boolean)!;

    // The new password: a weak one first, then a good one; the sign-in page is filled in with the address.
    await page.goto(link);
    await chooseNewPassword(page, 'password');
    await expect(page.locator('#next-error')).toBeVisible();
    await chooseNewPassword(page, 'harbour violet canyon 42');
    await expect(page).toHaveURL(/\/sign-in\?passwordReset=1$/);
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue(USERS.viewerFr);

    // Sign-in: a wrong password, the address kept; then the right one.
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue(USERS.viewerFr);
    await page.getByLabel('Mot de passe').fill('harbour violet canyon 42');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/(inventory|accounts)/);

    // The password change: a wrong current password, then the right one.
    await page.goto('/account/password');
    await page.getByLabel('Mot de passe actuel').fill('wrong');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('meadow lantern quartz 19');
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('meadow lantern quartz 19');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect(page.locator('#current-error')).toHaveText("Le mot de passe actuel n'est pas le bon.");
    await page.getByLabel('Mot de passe actuel').fill('harbour violet canyon 42');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('meadow lantern quartz 19');
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('meadow lantern quartz 19');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect(page).toHaveURL(/\/sign-in\?passwordChanged=1$/);
    await signInOverHttp(server.baseURL, USERS.viewerFr, 'meadow lantern quartz 19');
    await context.close();
  });
});
