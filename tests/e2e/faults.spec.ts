/**
 * Database faults are told the truth (503, service unavailable), against the real
 * production server with a database of its own (tests/e2e/aux-server.ts):
 * - /api/health answers 503, quickly, while another connection holds the
 *   write lock, and 200 again once it is released;
 * - a write that cannot get the lock (the language switch, choose account),
 *   with or without JavaScript, reaches the person as "service unavailable"
 *   (503, Retry-After, both languages), never as a disguised answer;
 * - pages, CSV exports and client navigations (RSC) on a broken database
 *   file answer the same 503 page;
 * - each is logged once by the server with the SQLite code.
 */
import Database from 'better-sqlite3';
import { readFileSync, truncateSync } from 'node:fs';
import { expect, test, type APIResponse } from '@playwright/test';
import en from '../../lib/i18n/messages/en/common.json';
import fr from '../../lib/i18n/messages/fr/common.json';
import { usesNoArguments } from '../../lib/http/action-body';
import { signInOverHttp, type HttpSession } from '../helpers/http-session';
import { findForm, formBody } from '../helpers/html-forms';
import { startAuxServer, type AuxServer } from './aux-server';
import { PASSWORD, USERS } from './users';

test.describe.configure({ mode: 'serial' });

let server: AuxServer;
let session: HttpSession;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAuxServer('faults');
  session = await signInOverHttp(server.baseURL, USERS.adminEn, PASSWORD);
});

test.afterAll(async () => {
  await server?.stop();
});

async function expectUnavailablePage(response: APIResponse) {
  expect(response.status(), `${response.url()} → ${response.headers()['location'] ?? ''}`).toBe(503);
  expect(response.headers()['retry-after']).toBe('30');
  expect(response.headers()['content-type']).toContain('text/html');
  const html = await response.text();
  for (const text of [fr.errors.unavailableTitle, en.errors.unavailableTitle]) expect(html).toContain(text);
  expect(html).not.toContain('SQLITE');
}

function logLines(pattern: RegExp): string[] {
  return server.output().split('\n').filter((line) => pattern.test(line));
}

/** Holds the database's write lock from another connection, as a long import or a stuck process would. */
function holdWriteLock() {
  const other = new Database(server.databasePath);
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
  };
}

test('a held write lock: health 503 at once, writes answer the 503 page, then all is well again', async ({ request }) => {
  test.setTimeout(60_000);
  const headers = { cookie: session.cookie, origin: server.baseURL };
  const inventory = await (await request.get(`${server.baseURL}/inventory?account=5100201`, { headers })).text();
  const languageForm = findForm(inventory, 'name="locale"');
  const accounts = await (await request.get(`${server.baseURL}/accounts`, { headers })).text();
  const chooseForm = findForm(accounts, /name="account"[^>]*value="5100202"|value="5100202"[^>]*name="account"/);

  const release = holdWriteLock();
  try {
    const started = Date.now();
    const health = await request.get(`${server.baseURL}/api/health`);
    expect(health.status()).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);

    // The forms as a browser without JavaScript posts them; each waits out the busy timeout (5 s).
    const switched = await request.post(`${server.baseURL}/inventory?account=5100201`, { headers, multipart: formBody(languageForm), maxRedirects: 0 });
    await expectUnavailablePage(switched);
    const chosen = await request.post(`${server.baseURL}/accounts`, { headers, multipart: formBody(chooseForm), maxRedirects: 0 });
    await expectUnavailablePage(chosen);
  } finally {
    release();
  }
  expect(logLines(/\[server\] 503 for POST \/inventory\?account=5100201: database unavailable \(SQLITE_BUSY\)/)).toHaveLength(1);
  expect(logLines(/\[server\] 503 for POST \/accounts: database unavailable \(SQLITE_BUSY\)/)).toHaveLength(1);

  expect((await request.get(`${server.baseURL}/api/health`)).status()).toBe(200);
  const switched = await request.post(`${server.baseURL}/inventory?account=5100201`, { headers, multipart: formBody(languageForm), maxRedirects: 0 });
  expect(switched.status()).toBe(303);
});

test('with JavaScript, a language switch that meets the held lock shows "service unavailable" in the page', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'en-GB' });
  const name = session.cookie.slice(0, session.cookie.indexOf('='));
  await context.addCookies([{ name, value: session.cookie.slice(name.length + 1), url: server.baseURL }]);
  const page = await context.newPage();
  await page.goto('/inventory?account=5100201');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const release = holdWriteLock();
  try {
    await page.locator('form:has(input[name="locale"]) button[type="submit"]').first().click();
    // In the person's language, which the first test switched (either way, never "something went wrong").
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(new RegExp(`^(${fr.errors.unavailableTitle}|${en.errors.unavailableTitle})$`), { timeout: 15_000 });
    const french = (await heading.textContent()) === fr.errors.unavailableTitle;
    await expect(page.getByText(french ? fr.errors.unavailableBody : en.errors.unavailableBody)).toBeVisible();
  } finally {
    release();
    await context.close();
  }
});

/** Every server action of the build, with an address of a page that serves it (read from Next's manifest). */
function everyAction(): { id: string; name: string; path: string }[] {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, action]) => {
    const page = Object.keys(action.workers)[0]!;
    const path = page
      .replace(/^app/, '')
      .replace(/\/page$/, '')
      .replace(/\/\([^)]*\)/g, '')
      .replace(/\[token\]/, 'x'.repeat(43))
      .replace(/\[[^\]]+\]/g, '1');
    return { id, name: `${action.filename}#${action.exportedName}`, path: path || '/' };
  });
}

test('a server action called with anything but its form data answers 400, logged in one line without a stack trace', async () => {
  test.setTimeout(120_000);
  const actions = everyAction();
  expect(actions.length).toBeGreaterThanOrEqual(20);
  const before = server.output().length;
  const multipart = (root: string) => {
    const form = new FormData();
    form.append('0', root);
    return form;
  };
  const bodies: { label: string; body: () => BodyInit; type?: string }[] = [
    { label: "curl --data '[]'", body: () => '[]', type: 'application/x-www-form-urlencoded' },
    { label: 'JSON object', body: () => '{"email":"x@example.test"}', type: 'application/json' },
    { label: 'text', body: () => 'null', type: 'text/plain;charset=UTF-8' },
    { label: 'empty', body: () => '', type: 'text/plain;charset=UTF-8' },
    { label: 'multipart without form data', body: () => multipart('[]') },
    { label: 'multipart with a string argument', body: () => multipart('["x"]') },
    { label: 'broken multipart', body: () => '--x\r\nnope', type: 'multipart/form-data; boundary=x' },
  ];
  const problems: string[] = [];
  for (const action of actions) {
    for (const attempt of bodies) {
      // An action that reads no arguments (signing out) is called with an empty list: that one is its own call.
      if (usesNoArguments(action.id) && attempt.label === "curl --data '[]'") continue;
      const response = await fetch(`${server.baseURL}${action.path}`, {
        method: 'POST',
        body: attempt.body(),
        headers: { origin: server.baseURL, 'next-action': action.id, cookie: session.cookie, accept: 'text/x-component', ...(attempt.type ? { 'content-type': attempt.type } : {}) },
        redirect: 'manual',
      });
      await response.arrayBuffer();
      if (response.status !== 400) problems.push(`${action.name} at ${action.path}, ${attempt.label}: ${response.status}`);
    }
  }
  expect(problems).toEqual([]);
  const refused = actions.length * bodies.length - actions.filter((action) => usesNoArguments(action.id)).length;
  // One line each (the last ones may still be on their way from the server process).
  await expect.poll(() => server.output().slice(before).split('\n').filter((line) => line.includes('a server action called without its form data')).length).toBe(refused);
  const log = server.output().slice(before);
  expect(log).not.toMatch(/^\s+at /m);
  expect(log).not.toMatch(/TypeError|Error:/);
});

test('a broken database file: pages, exports and client navigations answer the 503 page, logged once each', async ({ request }) => {
  const headers = { cookie: session.cookie };
  // A commit from another connection makes the server drop its page cache on its next read;
  // then the file is cut short under it, so every read that reaches the disk fails (SQLITE_CORRUPT).
  const other = new Database(server.databasePath);
  other.pragma('user_version = 7');
  other.close();
  truncateSync(server.databasePath, 8192);
  const paths = ['/orders', '/inventory?account=5100201', '/inventory/export?account=5100201', '/reports/export', '/accounts'];
  for (const path of paths) await expectUnavailablePage(await request.get(`${server.baseURL}${path}`, { headers, maxRedirects: 0 }));
  // With the cache-busting `_rsc` parameter Next expects (empty when no router-state headers are sent).
  const rsc = await request.get(`${server.baseURL}/orders?_rsc`, { headers: { ...headers, rsc: '1' }, maxRedirects: 0 });
  await expectUnavailablePage(rsc);
  for (const path of paths) {
    const escaped = path.replace(/[?]/g, '\\?');
    expect(logLines(new RegExp(`\\[server\\] 503 for GET ${escaped}: database unavailable \\(SQLITE_CORRUPT\\)`)).length).toBeGreaterThanOrEqual(1);
  }
});
