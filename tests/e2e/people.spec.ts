/**
 * Personnes: a customer administrator invites a person as a viewer
 * of chosen accounts, changes their access, deactivates and reactivates them,
 * and cannot remove the last administrator — French with JavaScript, English,
 * without JavaScript, axe clean. These write, so they run on a server with a
 * database of its own; who may not see the pages is checked on the main one.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { signInOverHttp } from '../helpers/http-session';
import { signedInContext, startAuxServer, type AuxServer } from './aux-server';
import { expectAccessible, expectAccessibleWithoutJs, sessionOf } from './support';
import { PASSWORD, USERS } from './users';

test.describe('people (customer administrator, own database)', () => {
  test.describe.configure({ mode: 'serial' });
  let server: AuxServer;
  const outbox = mkdtempSync(join(tmpdir(), 'license-desk-people-outbox-'));

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAuxServer('people', 4, { OUTBOX_DIR: outbox });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  const contextOf = async (browser: Browser, email: string, options: { javaScriptEnabled?: boolean; locale?: string } = {}) =>
    signedInContext(browser, await signInOverHttp(server.baseURL, email, PASSWORD), options);

  test('invite a viewer of chosen accounts, change their access, deactivate and reactivate them', async ({ browser }) => {
    const context = await contextOf(browser, USERS.adminFr);
    const page = await context.newPage();
    await page.goto('/inventory?account=5100201');
    await page.getByText('Camille Martin ▾').click();
    await page.getByRole('link', { name: 'Personnes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Personnes' })).toBeVisible();
    await expect(page.getByTestId('person-row').filter({ hasText: 'camille.martin@fabrikam.example' })).toContainText('Administrateur');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Inviter une personne' }).click();
    await page.getByLabel('Adresse e-mail').fill('nouvelle@fabrikam.example');
    await page.getByLabel('Nom').fill('Nouvelle Recrue');
    await page.getByRole('radio', { name: /^Lecteur de comptes d'achats/ }).check();
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await expect(page.locator('#accounts-error')).toHaveText("Cochez au moins un compte d'achats.");
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue('nouvelle@fabrikam.example');
    await page.getByRole('checkbox', { name: /^5100203/ }).check();
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await expect(page).toHaveURL(/\/account\/users\?invited=1$/);
    const row = page.getByTestId('person-row').filter({ hasText: 'nouvelle@fabrikam.example' });
    await expect(row).toContainText('Invitée (pas encore arrivée)');
    await expect(row).toContainText('5100203');
    await expect.poll(() => readdirSync(outbox).length).toBe(1);

    await row.getByRole('link', { name: 'Nouvelle Recrue' }).click();
    await expectAccessible(page);
    await page.getByRole('checkbox', { name: /^5100204/ }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status')).toContainText('Modifications enregistrées');
    await expect(page.getByRole('checkbox', { name: /^5100204/ })).toBeChecked();
    await page.getByRole('button', { name: 'Désactiver' }).click();
    await expect(page.getByTestId('person')).toContainText('Désactivée');
    await page.getByRole('button', { name: 'Réactiver' }).click();
    await expect(page.getByTestId('person')).toContainText('Invitée');
    await context.close();
  });

  test('the last active administrator stays one', async ({ browser }) => {
    const context = await contextOf(browser, USERS.singleAccount, { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/account/users');
    await page.getByTestId('person-row').first().getByRole('link').click();
    await page.getByRole('button', { name: /^(Désactiver|Deactivate)$/ }).click();
    await expect(page.getByTestId('active-form').getByRole('alert')).toContainText(/dernier administrateur actif|last active administrator/);
    await context.close();
  });

  test('in English', async ({ browser }) => {
    const context = await contextOf(browser, USERS.adminEn, { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/account/users');
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
    await expect(page.getByRole('columnheader')).toHaveText(['NAME', 'ROLE', 'PURCHASE ACCOUNTS', 'LANGUAGE', 'LAST SIGN-IN', 'STATUS']);
    await expect(page.getByTestId('person-row').filter({ hasText: 'jordan.lee@fabrikam.example' })).toContainText('Administrator');
    await expectAccessible(page);
    await context.close();
  });

  test('inviting works without JavaScript, errors included', async ({ browser }) => {
    const context = await contextOf(browser, USERS.adminEn, { javaScriptEnabled: false, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/account/users/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Invite a person' })).toBeVisible();
    await page.getByLabel('Email address').fill('not an address');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.locator('#email-error')).toHaveText('Enter a valid email address.');
    await expect(page.getByLabel('Email address')).toHaveValue('not an address');
    await expectAccessibleWithoutJs(page, browser);
    await context.close();
  });
});

for (const role of ['viewerFr', 'partnerFr'] as const) {
  test.describe(`people is not for a ${role === 'viewerFr' ? 'purchase account viewer' : 'partner user'}`, () => {
    test.use(sessionOf(role));
    test('no menu entry, and the pages are a 404', async ({ page }) => {
      for (const path of ['/account/users', '/account/users/new', '/account/users/1']) expect((await page.goto(path))?.status(), path).toBe(404);
    });
  });
}
