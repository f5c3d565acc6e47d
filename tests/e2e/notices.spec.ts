/**
 * Expiry notices end to end: `npm run notices` runs against the
 * end-to-end database (no SMTP_URL: the messages land as .eml files in a
 * folder of the test's own); a signed-out person follows the deep link of
 * their e-mail through sign-in to that exact line; the "stop these notices"
 * link asks to confirm and works, signed out, and the one-click address
 * answers a mail client's post.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser, type ParsedMail } from 'mailparser';
import { expect, test } from '@playwright/test';
import { BASE_URL, E2E_AUTH_SECRET, E2E_DATABASE_PATH, TEST_TODAY } from '../../playwright.config';
import { expectAccessible } from './support';
import { PASSWORD, USERS } from './users';

test.describe.configure({ mode: 'serial' });

const mails = new Map<string, ParsedMail>();
let report = '';

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const outbox = mkdtempSync(join(tmpdir(), 'license-desk-outbox-'));
  report = execFileSync(process.execPath, ['scripts/bootstrap.mjs', 'exec', 'tsx', '--conditions=react-server', 'scripts/notices.ts'], {
    env: { ...process.env, DATABASE_PATH: E2E_DATABASE_PATH, APP_URL: BASE_URL, AUTH_SECRET: E2E_AUTH_SECRET, OUTBOX_DIR: outbox, LICENSE_DESK_TEST_TODAY: TEST_TODAY, APP_TIME_ZONE: 'UTC' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  for (const file of readdirSync(outbox)) {
    const mail = await simpleParser(readFileSync(join(outbox, file)));
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    mails.set(to!.value[0]!.address!, mail);
  }
});

test('the command reports what it sent and where', () => {
  expect(report).toMatch(/^\d+ e-mail\(s\) sent to \d+ person\(s\)/m);
  expect(report).toContain('No SMTP_URL: messages written as .eml files to');
  expect(mails.get(USERS.adminFr)?.subject).toMatch(/services en ligne expirent bientôt ou ont expiré$/);
  expect(mails.get(USERS.adminEn)?.subject).toMatch(/online services expire soon or have expired$/);
  expect(mails.get(USERS.partnerFr)?.subject).toMatch(/services en ligne de vos clients à renouveler$/);
});

test('a signed-out person follows the e-mail’s deep link through sign-in to that exact line', async ({ browser }) => {
  const text = mails.get(USERS.adminFr)!.text!;
  const link = /Voir la ligne\s: (\S+)/.exec(text)![1]!;
  expect(link).toMatch(new RegExp(`^${BASE_URL}/inventory\\?account=\\d{7}&line=\\d+#line-\\d+$`));
  const lineId = /line=(\d+)/.exec(link)![1]!;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel('Adresse e-mail').fill(USERS.adminFr);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(new RegExp(`/inventory\\?account=\\d{7}&line=${lineId}`));
  await expect(page.locator(`#line-${lineId}`)).toBeVisible();
  await context.close();
});

test('a partner’s digest links into each customer’s view', () => {
  const text = mails.get(USERS.partnerFr)!.text!;
  expect(text).toContain('Client Fabrikam Industries SA (1000201)');
  expect(text).toMatch(new RegExp(`${BASE_URL}/inventory\\?customer=1000201&account=\\d{7}&line=\\d+`));
  expect(text).not.toMatch(/customer=1000101&account=5100204/);
});

test('the stop link asks to confirm, then turns the notices off; the one-click address answers a mail client', async ({ browser, request }) => {
  const mail = mails.get(USERS.singleAccount)!;
  const stop = /Ne plus recevoir ces avis\s: (\S+)/.exec(mail.text!)![1]!;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(stop);
  await expect(page.getByText(`Ne plus recevoir les avis d'expiration par e-mail à l'adresse ${USERS.singleAccount} ?`)).toBeVisible();
  await expectAccessible(page);
  // Opening the link changed nothing (a mail scanner follows links too).
  const receives = () => {
    const db = new Database(E2E_DATABASE_PATH, { readonly: true });
    try {
      return (db.prepare('select receives_notices as on_ from users where email = ?').get(USERS.singleAccount) as { on_: number }).on_;
    } finally {
      db.close();
    }
  };
  expect(receives()).toBe(1);
  await page.getByRole('button', { name: 'Ne plus recevoir ces avis' }).click();
  await expect(page.getByTestId('notices-off-done')).toBeVisible();
  expect(receives()).toBe(0);
  await context.close();

  // RFC 8058: the mail client posts to the List-Unsubscribe address, from nowhere in particular.
  const raw = mail.headerLines.find((line) => line.key === 'list-unsubscribe')!.line;
  const oneClick = /<([^>]+)>/.exec(raw)![1]!;
  const answer = await request.post(oneClick, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { origin: 'https://mail.example' } });
  expect(answer.status()).toBe(200);
  const forged = await request.post(oneClick.replace(/token=v1\.(\d+)\./, 'token=v1.1.'), { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(forged.status()).toBe(404);
  const invalid = await request.get('/notices/off?token=v1.1.forged');
  expect(await invalid.text()).toContain("Ce lien n'est pas valable ou a expiré.");
});
