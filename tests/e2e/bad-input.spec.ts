/**
 * Bad input over HTTP (a malformed value falls back to its default, an
 * identifier outside the viewer's scope is a 404, never a 500), property-based and bounded
 * (fast-check, at most 40 runs per property, a time limit each): every search
 * parameter of every page and export, the path segments of the pages that
 * take one, and the fields of the server-action forms, filled with anything —
 * markup, quotes, very long or odd Unicode text, repeated parameters. Never a
 * 500, and the markup never comes back unescaped in the HTML.
 *
 * Path segments also get raw '%' sequences (`%zz`, a lone `%`, cut UTF-8):
 * the server answers them 400 before Next tries to decode them. The sign-in
 * form's fields are covered by bad-requests.spec.ts instead (a fuzz run there
 * would lock 127.0.0.1 out for the other specs).
 */
import fc from 'fast-check';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { findForm, formBody } from '../helpers/html-forms';
import { BASE_URL } from '../../playwright.config';
import { storageStatePath } from './users';

const RUNS = { numRuns: 40, interruptAfterTimeLimit: 15_000 };


/** Markup that must never come back as markup. */
const MARKUP = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '</textarea><b>x</b>'];

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...MARKUP, "' OR 1=1 --", '../../etc/passwd', '-1', '0', '99999999999999999999', 'all', '1e309', ' ', ''),
  fc.string({ minLength: 200, maxLength: 3000 }),
  // Dates, most of them not real days: every date parameter goes through one parser.
  fc.constantFrom('2026-13-01', '0000-00-00', '2025-02-29', '2026-11-31', '9999-99-99', '2026-11-24'),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([year, month, day]) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
);

/** Every search parameter of every page and export (see each page's zod schema); `customer` for partner users. */
const PAGES: Record<string, string[]> = {
  '/inventory': ['customer', 'account', 'q', 'open', 'line', 'expand', 'packages', 'page'],
  '/inventory/export': ['customer', 'account', 'q', 'packages'],
  '/inventory/benefits': ['customer', 'account'],
  '/inventory/benefits/export': ['customer', 'account'],
  '/inventory/expiring': ['customer', 'account', 'page'],
  '/orders': ['customer', 'account', 'page', 'number', 'po', 'product', 'from', 'to'],
  '/orders/export': ['customer', 'account', 'number', 'po', 'product', 'from', 'to'],
  '/reports': ['customer', 'account', 'order', 'agreement', 'product'],
  '/reports/export': ['customer', 'account', 'order', 'agreement', 'product'],
  '/accounts': ['customer', 'field', 'term', 'page', 'agreement', 'entity', 'location', 'name', 'number'],
  '/account/activity': ['action', 'from', 'to', 'page'],
  '/account/activity/export': ['action', 'from', 'to'],
  '/account/users': ['page', 'invited', 'q'],
  '/account/users/1': ['saved', 'resent'],
  '/settings': ['saved'],
  '/partner': ['customer', 'page', 'q', 'sort'],
  '/partner/orders/new': ['customer', 'account', 'product', 'quantity', 'key'],
  '/online-services/setup': ['account', 'product', 'q', 'key'],
  '/online-services/setup/done': ['transaction'],
  '/online-services/reduce': ['line', 'key'],
  '/inventory/history/1': ['customer'],
  '/notices/off': ['token', 'done'],
  '/sign-in': ['callbackUrl', 'reason', 'signedOut', 'passwordChanged', 'passwordReset'],
};

/** Raw markup in an HTML answer: only outside the escaped forms (&lt; in text, \u003c in the inline payload). */
function unescapedMarkup(body: string): string[] {
  return MARKUP.filter((markup) => body.includes(markup) || body.includes(markup.replace(/^["']/, '')));
}

let adminContext: APIRequestContext;
let partnerContext: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  adminContext = await playwright.request.newContext({ baseURL: BASE_URL, storageState: storageStatePath('adminEn') });
  partnerContext = await playwright.request.newContext({ baseURL: BASE_URL, storageState: storageStatePath('partnerFr') });
});

test.afterAll(async () => {
  await adminContext.dispose();
  await partnerContext.dispose();
});

async function check(request: APIRequestContext, path: string, failures: string[]) {
  // Redirects followed: /inventory without an account goes on to the remembered one, with the same parameters.
  const response = await request.get(path, { maxRedirects: 3 });
  const body = await response.text();
  if (response.status() >= 500) failures.push(`${response.status()} for ${path}`);
  const raw = unescapedMarkup(body);
  if (raw.length) failures.push(`${path} echoes ${raw.join(', ')} unescaped`);
}

for (const [page, names] of Object.entries(PAGES)) {
  test(`${page}: any search parameters`, async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...names, 'unknown'), text), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (pairs, asPartner) => {
          const search = new URLSearchParams(pairs);
          await check(asPartner ? partnerContext : adminContext, `${page}?${search}`, failures);
        },
      ),
      RUNS,
    );
    expect(failures).toEqual([]);
  });
}

test('impossible dates: /account/activity and its export with to=2026-13-01 or 0000-00-00 answer, never a 500', async () => {
  for (const path of ['/account/activity', '/account/activity/export', '/orders', '/orders/export']) {
    for (const date of ['2026-13-01', '0000-00-00', '2025-02-29']) {
      for (const name of ['from', 'to']) {
        const response = await adminContext.get(`${path}?${name}=${date}`, { maxRedirects: 3 });
        expect(response.status(), `${path}?${name}=${date}`).toBe(200);
      }
    }
  }
});

test('the check is not blind: a search for markup shows it, escaped', async () => {
  for (const markup of MARKUP) {
    const response = await adminContext.get(`/inventory?account=5100201&q=${encodeURIComponent(markup)}`);
    const body = await response.text();
    expect(response.status()).toBe(200);
    expect(body).toContain('&lt;');
    expect(unescapedMarkup(body)).toEqual([]);
  }
});

test('path segments: orders and line histories', async () => {
  const failures: string[] = [];
  // Encoded text, or raw '%' sequences that are often malformed percent-encoding.
  const rawPercent = fc
    .array(fc.constantFrom('%', '%%', 'zz', '%E0', '%A4', '%A', '41', 'ff', '%2', 'x'), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join(''));
  const segment = fc.oneof(text.filter((value) => value.length > 0).map((value) => encodeURIComponent(value)), rawPercent);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('/orders/', '/inventory/history/'), segment, fc.boolean(), async (prefix, value, asPartner) => {
      await check(asPartner ? partnerContext : adminContext, `${prefix}${value}${asPartner ? '?customer=1000201' : ''}`, failures);
    }),
    RUNS,
  );
  expect(failures).toEqual([]);
});

test('form fields: choose account and language switch, as posted without JavaScript', async () => {
  const failures: string[] = [];
  const accounts = await (await adminContext.get('/accounts')).text();
  const choose = findForm(accounts, /name="account"/);
  const language = findForm(accounts, /name="locale"/);
  const notALocale = text.filter((value) => value !== 'fr' && value !== 'en');
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.dictionary(fc.constantFrom('account', 'customer', 'returnTo'), text, { maxKeys: 3 }), notALocale, async (chooseForm, given, locale) => {
      const form = chooseForm ? choose : language;
      // Never a real language: this session is shared with specs that run meanwhile and expect English.
      const fields = chooseForm ? given : { ...given, locale };
      const response = await adminContext.post('/accounts', { multipart: formBody(form, fields), headers: { origin: BASE_URL }, maxRedirects: 0 });
      const body = await response.text();
      if (response.status() >= 500) failures.push(`${response.status()} for ${chooseForm ? 'chooseAccount' : 'switchLanguage'} ${JSON.stringify(fields).slice(0, 200)}`);
      const location = response.headers()['location'] ?? '';
      // The language switch returns to a path of this site only.
      if (location && !location.startsWith('/') && !location.startsWith(BASE_URL)) failures.push(`redirects off-site to ${location}`);
      const raw = unescapedMarkup(body);
      if (raw.length) failures.push(`echoes ${raw.join(', ')} unescaped`);
    }),
    { ...RUNS, numRuns: 30 },
  );
  expect(failures).toEqual([]);
});
