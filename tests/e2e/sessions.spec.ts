/**
 * Sessions end on the server: a copy of the session
 * cookie taken before sign-out opens nothing afterwards, and asking
 * next-auth for the session with it neither answers nor hands out a fresh
 * cookie. Signs in a fresh context of its own: the stored sessions of
 * tests/.auth are shared by other tests and must stay signed in.
 */
import { expect, test, type Browser } from '@playwright/test';
import { PASSWORD, USERS } from './users';

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token/;

async function signInFreshContext(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Adresse e-mail').fill(USERS.singleAccount);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  return { context, page };
}

test('a session cookie copied before sign-out opens nothing after it', async ({ browser, baseURL, playwright }) => {
  const { context, page } = await signInFreshContext(browser, baseURL!);
  const copied = (await context.cookies()).filter((cookie) => SESSION_COOKIE.test(cookie.name));
  expect(copied.length).toBeGreaterThan(0);

  // The copy works while the session stands.
  const thief = await playwright.request.newContext({ baseURL, storageState: { cookies: copied, origins: [] } });
  const before = await thief.get('/inventory/export', { maxRedirects: 0 });
  expect(before.status()).toBe(200);

  await page.getByText('Paul Roy').click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await context.close();

  // A browser holding the copy is sent to the sign-in page.
  const other = await browser.newContext({ baseURL });
  await other.addCookies(copied);
  const otherPage = await other.newPage();
  await otherPage.goto('/inventory');
  await expect(otherPage).toHaveURL(/\/sign-in\?callbackUrl=%2Finventory/);
  await expect(otherPage.getByRole('heading', { name: 'Se connecter' })).toBeVisible();
  await other.close();

  // So is a script holding it, for the export too.
  const exportResponse = await thief.get('/inventory/export', { maxRedirects: 0 });
  expect(exportResponse.status()).toBeGreaterThanOrEqual(300);
  expect(exportResponse.status()).toBeLessThan(400);
  expect(exportResponse.headers()['location']).toMatch(/\/sign-in\?callbackUrl=%2Finventory%2Fexport/);

  // next-auth's session endpoint neither answers nor renews the cookie.
  const session = await thief.get('/api/auth/session');
  expect(session.status()).toBe(200);
  expect(await session.json()).toBeNull();
  const renewed = session
    .headersArray()
    .filter((header) => header.name.toLowerCase() === 'set-cookie')
    .map((header) => header.value)
    .filter((cookie) => SESSION_COOKIE.test(cookie) && !/^[^=]+=;/.test(cookie) && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cookie));
  expect(renewed).toEqual([]);
  await thief.dispose();
});

test('a session cookie is not renewed past the absolute lifetime by the session endpoint', async ({ browser, baseURL }) => {
  const { context } = await signInFreshContext(browser, baseURL!);
  const [cookie] = (await context.cookies()).filter((c) => SESSION_COOKIE.test(c.name));
  const response = await context.request.get('/api/auth/session');
  const body = await response.json();
  expect(body).toMatchObject({ expires: expect.any(String) });
  // The session id stays on the server.
  expect(body).not.toHaveProperty('sessionId');
  const [renewed] = (await context.cookies()).filter((c) => SESSION_COOKIE.test(c.name));
  // Renewal may refresh the token but never moves the cookie's end later than the first one.
  expect(renewed!.expires).toBeLessThanOrEqual(cookie!.expires + 1);
  await context.close();
});
