/**
 * Sécurité du compte: changing the password (the current one, a
 * strong new one) ends every session, and the new password signs in; "sign
 * out everywhere" ends every session too. These end sessions, so they run on
 * a server with a database of its own (tests/e2e/aux-server.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { expect, test, type Browser } from '@playwright/test';
import { signInOverHttp } from '../helpers/http-session';
import { startAuxServer, type AuxServer } from './aux-server';
import { expectAccessible, expectAccessibleWithoutJs } from './support';
import { PASSWORD, USERS } from './users';

test.describe.configure({ mode: 'serial' });

let server: AuxServer;

/** Where this server writes its e-mails (no SMTP_URL): a folder of this file's own. */
const outbox = mkdtempSync(join(tmpdir(), 'license-desk-account-outbox-'));

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAuxServer('account-security', 3, { OUTBOX_DIR: outbox });
});

test.afterAll(async () => {
  await server?.stop();
});

/** A browser signed in as `email` (over HTTP, the cookie given to the context). */
async function signedIn(browser: Browser, email: string, password = PASSWORD, javaScriptEnabled = true, locale = 'fr-FR') {
  const session = await signInOverHttp(server.baseURL, email, password);
  const context = await browser.newContext({ baseURL: server.baseURL, javaScriptEnabled, locale });
  const [name, value] = session.cookie.split('=', 2) as [string, string];
  await context.addCookies([{ name, value, url: server.baseURL }]);
  return { context, cookie: session.cookie };
}

const stillSignedIn = async (cookie: string) => (await fetch(`${server.baseURL}/inventory?account=5100201`, { headers: { cookie }, redirect: 'manual' })).status === 200;

test('a password change needs the current password and a strong new one, then ends every session', async ({ browser }) => {
  const other = await signInOverHttp(server.baseURL, USERS.adminFr, PASSWORD);
  const { context } = await signedIn(browser, USERS.adminFr);
  const page = await context.newPage();
  await page.goto('/inventory?account=5100201');
  await page.getByText('Camille Martin ▾').click();
  await page.getByRole('link', { name: 'Sécurité du compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sécurité du compte' })).toBeVisible();
  await expectAccessible(page);

  const fill = async (current: string, next: string, confirmation = next) => {
    await page.getByLabel('Mot de passe actuel').fill(current);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(next);
    await page.getByLabel('Nouveau mot de passe, une seconde fois').fill(confirmation);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  };
  await fill('pas le bon', 'violet lantern orchestra 47');
  await expect(page.locator('#current-error')).toHaveText("Le mot de passe actuel n'est pas le bon.");
  await fill(PASSWORD, 'motdepasse123');
  await expect(page.locator('#next-error')).toContainText('trop facile à deviner');
  await expect(page.getByLabel('Nouveau mot de passe', { exact: true })).toHaveValue('');
  expect(await stillSignedIn(other.cookie)).toBe(true);

  await fill(PASSWORD, 'violet lantern orchestra 47');
  await expect(page).toHaveURL(/\/sign-in\?passwordChanged=1$/);
  await expect(page.getByRole('status')).toHaveText('Votre mot de passe a été changé. Connectez-vous avec le nouveau.');
  expect(await stillSignedIn(other.cookie)).toBe(false);
  await expect(signInOverHttp(server.baseURL, USERS.adminFr, PASSWORD)).rejects.toThrow();
  expect(await stillSignedIn((await signInOverHttp(server.baseURL, USERS.adminFr, 'violet lantern orchestra 47')).cookie)).toBe(true);
  await context.close();
});

test('sign out everywhere ends every session of the person, and only theirs', async ({ browser }) => {
  const other = await signInOverHttp(server.baseURL, USERS.adminEn, PASSWORD);
  const someoneElse = await signInOverHttp(server.baseURL, USERS.viewerFr, PASSWORD);
  // Signed out, the sign-in page speaks the browser's language.
  const { context } = await signedIn(browser, USERS.adminEn, PASSWORD, true, 'en-US');
  const page = await context.newPage();
  await page.goto('/account/password');
  await expect(page.getByRole('heading', { level: 1, name: 'Account security' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=everywhere$/);
  await expect(page.getByRole('status')).toHaveText('You are signed out on every device.');
  expect(await stillSignedIn(other.cookie)).toBe(false);
  expect((await fetch(`${server.baseURL}/inventory?account=5100203`, { headers: { cookie: someoneElse.cookie }, redirect: 'manual' })).status).toBe(200);
  await context.close();
});

test('the password form works without JavaScript', async ({ browser }) => {
  const { context } = await signedIn(browser, USERS.viewerFr, PASSWORD, false);
  const page = await context.newPage();
  await page.goto('/account/password');
  await page.getByLabel('Mot de passe actuel').fill(PASSWORD);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
  await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('court');
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.locator('#next-error')).toHaveText('Le nouveau mot de passe doit compter au moins 12 caractères.');
  await expectAccessibleWithoutJs(page, browser);
  await context.close();
});

test('a forgotten password: the same answer for anyone, a link by e-mail, a new password, signed in', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  await expectAccessible(page);
  // An unknown address gets the same answer, and no e-mail.
  await page.getByLabel('Adresse e-mail').fill('personne@inconnu.example');
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByTestId('reset-sent')).toBeVisible();
  expect(readdirSync(outbox)).toEqual([]);
  await page.getByLabel('Adresse e-mail').fill(USERS.partnerFr);
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  // The answer was already on the page: wait for the e-mail itself.
  await expect.poll(() => readdirSync(outbox).length).toBe(1);
  const files = readdirSync(outbox);
  const mail = await simpleParser(readFileSync(join(outbox, files[0]!)));
  const link = /(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43})/.exec(mail.text!)![1]!;

  await page.goto(link);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('glacier tambourine meadow 88');
  await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('glacier tambourine meadow 88');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page).toHaveURL(/\/sign-in\?passwordReset=1$/);
  // The address is filled in, and the page says so in a whole sentence.
  await expect(page.getByRole('status')).toHaveText(`Votre nouveau mot de passe est enregistré. Connectez-vous avec l'adresse ${USERS.partnerFr}, déjà saisie ci-dessous, et ce nouveau mot de passe.`);
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue(USERS.partnerFr);
  await page.getByLabel('Mot de passe').fill('glacier tambourine meadow 88');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/partner$/);
  // The link worked once.
  await page.goto(link);
  await expect(page.getByTestId('link-state')).toContainText('Ce lien a déjà servi.');
  await context.close();
});

test('the first administrator of a customer: created by the command, arrives through the invitation, signs in', async ({ browser }) => {
  const output = execFileSync(
    process.execPath,
    ['scripts/bootstrap.mjs', 'exec', 'tsx', '--conditions=react-server', 'scripts/user-create.ts', '--email', 'premiere.admin@contoso.example', '--customer', '1000101', '--role', 'customer_admin', '--name', 'Première Admin'],
    { env: { ...process.env, DATABASE_PATH: server.databasePath, APP_URL: server.baseURL, OUTBOX_DIR: outbox }, encoding: 'utf8', timeout: 60_000 },
  );
  const link = /Invitation \(valid 72 hours, once\): (\S+)/.exec(output)![1]!;
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue dans License Desk' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('orchid lighthouse tundra 55');
  await page.getByLabel('Nouveau mot de passe, une seconde fois').fill('orchid lighthouse tundra 55');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page).toHaveURL(/\/sign-in\?invitationAccepted=1$/);
  await expect(page.getByRole('status')).toHaveText(
    "Votre mot de passe est choisi : votre accès est prêt. Connectez-vous avec l'adresse premiere.admin@contoso.example, déjà saisie ci-dessous, et ce mot de passe.",
  );
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue('premiere.admin@contoso.example');
  await page.getByLabel('Mot de passe').fill('orchid lighthouse tundra 55');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/inventory/);
  await context.close();
});
