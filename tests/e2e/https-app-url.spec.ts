/**
 * A portal whose public address is https (APP_URL=https://…, served here over
 * plain HTTP as behind a TLS-terminating proxy), on a production server of its
 * own (tests/e2e/aux-server.ts):
 * - every answer carries Strict-Transport-Security: pages, the 307 that sends
 *   a signed-out request to sign-in, static files, 404, 400, 403 and 413;
 * - the origin check compares the scheme too: a form posted with
 *   `Origin: http://host` (APP_URL's host and port, the other scheme) is
 *   refused with 403 and its server action does not run (no sign-in, and
 *   "sign out everywhere" leaves the session working).
 * The reverse (an https Origin against an http APP_URL) is in
 * tests/e2e/bad-requests.spec.ts, against the main server.
 */
import { expect, test } from '@playwright/test';
import en from '../../lib/i18n/messages/en/auth.json';
import { findForm, formBody } from '../helpers/html-forms';
import { AUX_PORT, startAuxServer, type AuxServer } from './aux-server';
import { PASSWORD, USERS } from './users';

test.describe.configure({ mode: 'serial' });

const PORT = AUX_PORT + 8;
const HTTPS_ORIGIN = `https://127.0.0.1:${PORT}`;
const HTTP_ORIGIN = `http://127.0.0.1:${PORT}`;
const HSTS = 'max-age=63072000; includeSubDomains';

let server: AuxServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAuxServer('https-app-url', 8, { APP_URL: HTTPS_ORIGIN });
});

test.afterAll(async () => {
  await server?.stop();
});

const get = (path: string, init: RequestInit = {}) => fetch(`${server.baseURL}${path}`, { redirect: 'manual', ...init });

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(';')[0]!);
}

/** Posts the sign-in form with this Origin; the session cookie, if the action signed anyone in. */
async function signIn(origin: string): Promise<{ status: number; session: string }> {
  const page = await get('/sign-in');
  const form = findForm(await page.text(), 'name="password"');
  const response = await get('/sign-in', {
    method: 'POST',
    body: formBody(form, { email: USERS.adminEn, password: PASSWORD }),
    headers: { origin, cookie: cookiesOf(page).join('; ') },
  });
  return { status: response.status, session: cookiesOf(response).filter((pair) => pair.includes('session-token')).join('; ') };
}

test('every answer carries HSTS: pages, the redirect to sign-in, static files and refusals', async () => {
  const answers: [string, Response][] = [];
  const signInPage = await get('/sign-in');
  answers.push(['the sign-in page', signInPage]);
  const redirect = await get('/inventory?account=all');
  expect(redirect.status).toBe(307);
  // To APP_URL's https (Next writes a 127.0.0.1 host as localhost: scheme, port and path are what count here).
  const location = new URL(redirect.headers.get('location')!);
  expect([location.protocol, location.port, `${location.pathname}${location.search}`]).toEqual(['https:', String(PORT), '/sign-in?callbackUrl=%2Finventory%3Faccount%3Dall']);
  answers.push(['the 307 to sign-in', redirect]);
  const script = (await signInPage.text()).match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(script, 'a script of the sign-in page').toBeTruthy();
  const asset = await get(script!);
  expect(asset.status).toBe(200);
  answers.push([`a static file (${script})`, asset]);
  for (const path of ['/robots.txt', '/favicon.ico', '/api/health']) {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    answers.push([path, response]);
  }
  const missing = await get('/calendar/no-such-secret');
  expect(missing.status).toBe(404);
  answers.push(['a 404 (an unknown calendar feed)', missing]);
  const malformed = await get('/orders/%zz');
  expect(malformed.status).toBe(400);
  answers.push(['a 400 (malformed address)', malformed]);
  const foreign = await get('/sign-in', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
  expect(foreign.status).toBe(403);
  answers.push(['a 403 (foreign origin)', foreign]);
  const tooLarge = await get('/sign-in', { method: 'POST', headers: { origin: HTTPS_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a'.repeat(2 * 1024 * 1024) });
  expect(tooLarge.status).toBe(413);
  answers.push(['a 413 (body too large)', tooLarge]);
  for (const [what, response] of answers) expect(response.headers.get('strict-transport-security'), what).toBe(HSTS);
});

test('a server action posted with the other scheme in Origin is refused and does not run', async () => {
  // http://127.0.0.1:PORT is APP_URL's host and port, but not its scheme.
  const refused = await signIn(HTTP_ORIGIN);
  expect(refused.status).toBe(403);
  expect(refused.session).toBe('');

  const accepted = await signIn(HTTPS_ORIGIN);
  expect(accepted.status).toBe(303);
  expect(accepted.session).toMatch(/^__Secure-authjs\.session-token=/);

  const passwordPage = await get('/account/password', { headers: { cookie: accepted.session } });
  expect(passwordPage.status).toBe(200);
  const signOutEverywhere = findForm(await passwordPage.text(), en.password.everywhere);
  const forged = await get('/account/password', { method: 'POST', body: formBody(signOutEverywhere), headers: { origin: HTTP_ORIGIN, cookie: accepted.session } });
  expect(forged.status).toBe(403);
  // Had "sign out everywhere" run, this session would be over.
  const after = await get('/account/password', { headers: { cookie: accepted.session } });
  expect(after.status).toBe(200);
});
