/**
 * The isolation matrix, which keeps every viewer inside their own data as
 * routes are added: every route the
 * app serves, read from its own route tree (app/…/page.tsx, route.ts) and
 * every server action (files that start with 'use server'), must have an
 * entry in ROUTES or ACTIONS below, or this test fails. For two customers
 * (Fabrikam, Contoso) and two partners (Northwind, Adatum), each viewer asks
 * for the other side's resources by identifier — purchase account, order and
 * agreement numbers, line ids, product codes, customer numbers — with and
 * without the RSC header (a client navigation): 404, and none of the other
 * side's identifiers or names in the body. List pages and CSV exports never
 * include the other side's rows. The choose-account action is posted with
 * the other side's account.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { findForm, formBody } from '../helpers/html-forms';
import { BASE_URL, E2E_DATABASE_PATH as DATABASE_PATH } from '../../playwright.config';
import { storageStatePath, type Role } from './users';

// ─── The route tree ───────────────────────────────────────────────────────

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** URL patterns of app/: route groups dropped, dynamic segments kept as written. */
function appRoutes(): string[] {
  return walk('app')
    .filter((file) => /(^|\/)(page\.tsx|route\.ts)$/.test(file.split(sep).join('/')))
    .map((file) => {
      const segments = relative('app', file).split(sep).slice(0, -1).filter((segment) => !/^\(.*\)$/.test(segment));
      return `/${segments.join('/')}`;
    })
    .sort();
}

/** Server actions: `file#export` of every module whose first statement is 'use server'; inline ones by file. */
function serverActions(): string[] {
  const found: string[] = [];
  for (const file of ['app', 'lib', 'components'].flatMap(walk).filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))) {
    const source = readFileSync(file, 'utf8');
    if (!/['"]use server['"]/.test(source)) continue;
    const name = file.split(sep).join('/');
    if (/^(\s*(\/\*[\s\S]*?\*\/|\/\/[^\n]*))*\s*['"]use server['"]/.test(source)) {
      for (const match of source.matchAll(/export\s+async\s+function\s+(\w+)/g)) found.push(`${name}#${match[1]}`);
    } else found.push(`${name}#(inline)`);
  }
  return found.sort();
}

// ─── Who is on which side ─────────────────────────────────────────────────

/** What one side owns, by the identifiers URLs carry; `names` are texts that only its data would show. */
interface Side {
  role: Role;
  /** For a partner user: the customer it works for on every page (the `customer=` parameter). */
  customer?: string;
  accounts: string[];
  orders: string[];
  agreements: string[];
  /** Product codes only this side holds an online service of (the report's product filter). */
  products: string[];
  /** Customer numbers only this side may ask for. */
  customers: string[];
  names: string[];
  /** Whose session can list this side's inventory lines (to find their ids). */
  lineOwner: Role;
  lineAccounts: string[];
  lineIds: string[];
  /** Ids of self-provisioning transactions on this side's accounts (the set-up receipts), read from the database. */
  receipts: string[];
  /** Ids of the users of this side's customer (for a customer side), read from the database. */
  people: string[];
}

const FABRIKAM_ACCOUNTS = ['5100201', '5100202', '5100203', '5100204', '5100205', '5100206', '5100207'];
const FABRIKAM_ORDERS = ['8800201', '8800202', '8800204', '8800205', '8800206', '8800207', '8800208', '8800210', '8800211', '8800212', '8800213', '8800214', '8800216', '8800217', '8800218', '8800219', '8800220'];
const ADATUM_ACCOUNTS = ['5100204', '5100206'];
const ADATUM_ORDERS = ['8800214', '8800218', '8800219'];

const fabrikam: Side = {
  role: 'adminFr',
  accounts: FABRIKAM_ACCOUNTS,
  orders: FABRIKAM_ORDERS,
  agreements: ['7600201', '7600202'],
  products: ['D365-SALES', 'EMS-E3', 'O365-E1'],
  customers: ['1000201'],
  names: ['Fabrikam'],
  lineOwner: 'adminFr',
  lineAccounts: ['5100201', '5100204'],
  lineIds: [],
  receipts: [],
  people: [],
};
const contoso: Side = {
  role: 'singleAccount',
  accounts: ['5100101'],
  orders: ['8800101', '8800102'],
  agreements: ['7600101'],
  products: [],
  customers: ['1000101'],
  names: ['Contoso'],
  lineOwner: 'singleAccount',
  lineAccounts: ['5100101'],
  lineIds: [],
  receipts: [],
  people: [],
};
/** Northwind working for Fabrikam: Fabrikam's accounts whose partner of record is Northwind. */
const northwind: Side = {
  role: 'partnerFr',
  customer: '1000201',
  accounts: FABRIKAM_ACCOUNTS.filter((account) => !ADATUM_ACCOUNTS.includes(account)),
  orders: FABRIKAM_ORDERS.filter((order) => !ADATUM_ORDERS.includes(order)),
  agreements: [],
  products: [],
  customers: ['1000101'],
  names: ['Fabrikam Montréal', 'Fabrikam Lyon<', 'Fabrikam Genève<', 'Contoso'],
  lineOwner: 'adminFr',
  lineAccounts: ['5100201', '5100203'],
  lineIds: [],
  receipts: [],
  people: [],
};
/** Adatum working for Fabrikam: the two accounts it is partner of record for. */
const adatum: Side = {
  role: 'partnerAdatum',
  customer: '1000201',
  accounts: ADATUM_ACCOUNTS,
  orders: ADATUM_ORDERS,
  agreements: [],
  products: [],
  customers: [],
  names: ['Lyon – Usine', 'Genève – Ventes'],
  lineOwner: 'adminFr',
  lineAccounts: ADATUM_ACCOUNTS,
  lineIds: [],
  receipts: [],
  people: [],
};

/** Viewer → the side whose resources it must never reach. */
const PAIRS: [Side, Side][] = [
  [fabrikam, contoso],
  [contoso, fabrikam],
  [northwind, adatum],
  [adatum, northwind],
];

// ─── How to ask each route for the other side's resources ─────────────────

type Probe = {
  /** Addresses that must answer 404 and show nothing of `foreign`. */
  notFound?: (viewer: Side, foreign: Side) => string[];
  /** The viewer's own list pages and exports, which must not include `foreign`'s rows. */
  lists?: (viewer: Side, foreign: Side) => string[];
  /**
   * Filters that take what a person types: naming the other side's things, they answer exactly as a value naming
   * nothing (same status, same page but for the value itself) and show nothing of `foreign` — no oracle.
   */
  likeNothing?: (viewer: Side, foreign: Side) => { path: string; value: string; nothing?: string }[];
  /** Why the route has nothing to isolate. */
  none?: string;
};

/** A filter value that names nothing anywhere, to compare a foreign value's answer with. */
const NAMES_NOTHING = 'ZQXW-404-NOTHING';

/** `customer=` of a partner viewer first, then the rest. */
function url(path: string, viewer: Side, params: Record<string, string> = {}): string {
  const search = new URLSearchParams({ ...(viewer.customer ? { customer: viewer.customer } : {}), ...params }).toString();
  return search ? `${path}?${search}` : path;
}

const each = <T,>(values: T[], make: (value: T) => string) => values.map(make);

/** `customer=` names the customer a partner user works for; a customer's own users have no other. */
const otherCustomers = (viewer: Side, foreign: Side) => (viewer.customer ? foreign.customers : []);

/** The report's filters naming the other side's accounts, orders, agreements and products. */
const reportFilters = (path: string, v: Side, f: Side, count: number) => [
  ...f.accounts.slice(0, count).map((value) => ({ path: url(path, v, { account: value }), value })),
  ...f.orders.slice(0, count).map((value) => ({ path: url(path, v, { order: value }), value })),
  ...f.agreements.map((value) => ({ path: url(path, v, { agreement: value }), value })),
  ...f.products.map((value) => ({ path: url(path, v, { product: value }), value })),
];

const ROUTES: Record<string, Probe> = {
  '/': { none: 'redirects to /inventory' },
  '/sign-in': { none: 'public sign-in form' },
  '/api/auth/[...nextauth]': { none: "next-auth's own endpoints: the session of the caller only" },
  '/api/health': { none: 'public, no data' },
  '/notices/off': { none: 'public: asks to confirm, and only for the user its signed token names' },
  '/notices/off/one-click': { none: 'public: turns off the notices of the user its signed token names, nothing else' },
  // A customer's or a partner's own log: nothing in it is asked for by identifier; the lists hold only its own entries.
  '/account/activity': { lists: () => ['/account/activity'] },
  '/account/activity/export': { lists: () => ['/account/activity/export'] },
  // Another customer's person is asked for by id: found through the list of the other side's administrator.
  '/account/users': { lists: (v) => (v.customer ? [] : ['/account/users']), notFound: (v) => (v.customer ? ['/account/users'] : []) },
  '/account/users/new': { notFound: (v) => (v.customer ? ['/account/users/new'] : []), none: 'a form; the invitation it posts is scoped by lib/people/manage.ts' },
  '/account/users/[id]': { notFound: (v, f) => each(f.people, (id) => `/account/users/${id}`) },
  '/account/password': { none: 'the caller’s own password and sessions, no data' },
  '/settings': { none: 'the caller’s own notices setting and calendar feed, no customer data' },
  '/calendar/[secret]': { none: 'no session: its secret is the authority, and it holds only what that secret’s user may see (lib/calendar/feed.test.ts)' },
  '/invitation/[token]': { none: 'public: its single-use token is the authority, for its own user only' },
  '/forgot-password': { none: 'public: the same answer whatever the e-mail' },
  '/reset-password/[token]': { none: 'public: its single-use token is the authority, for its own user only' },
  '/help': { none: 'the same help text for every signed-in person, no data' },
  '/table-labels.css': { none: 'the column headings it is sent, written back as CSS; no data' },
  // The bench's minimal page (shell and heading) is served only with LICENSE_DESK_BENCH=1: here, a 404 for everyone.
  '/bench/minimal': { notFound: () => ['/bench/minimal'] },
  '/partner': {
    notFound: (v) => (v.customer ? [] : ['/partner']),
    lists: (v) => (v.customer ? ['/partner'] : []),
  },
  '/accounts': {
    notFound: (v, f) => each(otherCustomers(v, f), (customer) => `/accounts?customer=${customer}`),
    lists: (v, f) => [url('/accounts', v), ...each(f.accounts.slice(0, 2), (account) => url('/accounts', v, { number: account })), url('/accounts', v, { entity: f.names[0]!.replace('<', '') })],
  },
  '/inventory': {
    notFound: (v, f) => [
      ...each(f.accounts, (account) => url('/inventory', v, { account })),
      ...each(otherCustomers(v, f), (customer) => `/inventory?customer=${customer}`),
    ],
    // `line=` highlights one line of the list: another side's line is answered as a line no longer there (the
    // inventory as it is, saying so) — exactly as a line that does not exist.
    likeNothing: (v, f) => f.lineIds.slice(0, 2).map((line) => ({ path: url('/inventory', v, { account: 'all', line }), value: line, nothing: '2147480000' })),
    lists: (v) => [url('/inventory', v, { account: 'all', expand: 'all' })],
  },
  '/inventory/export': {
    notFound: (v, f) => [...each(f.accounts, (account) => url('/inventory/export', v, { account })), ...each(otherCustomers(v, f), (customer) => `/inventory/export?customer=${customer}`)],
    lists: (v) => [url('/inventory/export', v, { account: 'all' }), url('/inventory/export', v, { account: 'all', packages: '1' })],
  },
  '/inventory/benefits': {
    notFound: (v, f) => [...each(f.accounts, (account) => url('/inventory/benefits', v, { account })), ...each(otherCustomers(v, f), (customer) => `/inventory/benefits?customer=${customer}`)],
    lists: (v) => [url('/inventory/benefits', v, { account: 'all' })],
  },
  '/inventory/benefits/export': {
    notFound: (v, f) => each(f.accounts, (account) => url('/inventory/benefits/export', v, { account })),
    lists: (v) => [url('/inventory/benefits/export', v, { account: 'all' })],
  },
  '/inventory/expiring': {
    notFound: (v, f) => [...each(f.accounts.slice(0, 3), (account) => url('/inventory/expiring', v, { account })), ...each(otherCustomers(v, f), (customer) => `/inventory/expiring?customer=${customer}`)],
    lists: (v) => [url('/inventory/expiring', v, { account: 'all' })],
  },
  '/inventory/history/[id]': {
    notFound: (v, f) => each(f.lineIds, (id) => url(`/inventory/history/${id}`, v)),
  },
  '/orders': {
    notFound: (v, f) => each(f.accounts, (account) => url('/orders', v, { account })),
    lists: (v) => [url('/orders', v, { account: 'all' })],
  },
  '/orders/export': {
    notFound: (v, f) => each(f.accounts.slice(0, 3), (account) => url('/orders/export', v, { account })),
    // (A search for the other side's number would be written to the viewer's own activity log, which the matrix reads too.)
    lists: (v) => [url('/orders/export', v, { account: 'all' }), url('/orders/export', v, { account: 'all', number: '8800' })],
  },
  '/orders/[number]': {
    notFound: (v, f) => each(f.orders, (order) => url(`/orders/${order}`, v)),
  },
  '/orders/[number]/export': {
    notFound: (v, f) => each(f.orders.slice(0, 3), (order) => url(`/orders/${order}/export`, v)),
    lists: (v) => v.orders.slice(0, 1).map((order) => url(`/orders/${order}/export`, v)),
  },
  '/reports': {
    notFound: (v, f) => each(otherCustomers(v, f), (customer) => `/reports?customer=${customer}`),
    likeNothing: (v, f) => reportFilters('/reports', v, f, 3),
    lists: (v) => [url('/reports', v)],
  },
  // Customer administrators only: a partner user is answered 404 whatever it asks; an administrator, for the other side's things.
  '/online-services/setup': {
    notFound: (v, f) => (v.customer ? [url('/online-services/setup', v)] : each(f.accounts.slice(0, 3), (account) => `/online-services/setup?account=${account}`)),
  },
  '/online-services/setup/done': {
    notFound: (v, f) => each(f.receipts.slice(0, 3), (transaction) => url('/online-services/setup/done', v, { transaction })),
  },
  '/online-services/reduce': {
    notFound: (v, f) => each(f.lineIds.slice(0, 3), (line) => url('/online-services/reduce', v, { line })),
  },
  // Partner users only, and only on the accounts they serve for the customer they work for.
  '/partner/orders/new': {
    notFound: (v, f) =>
      v.customer
        ? [...each(otherCustomers(v, f), (customer) => `/partner/orders/new?customer=${customer}`), ...each(f.accounts.slice(0, 2), (account) => url('/partner/orders/new', v, { account }))]
        : ['/partner/orders/new', '/partner/orders/new?customer=1000201'],
  },
  '/reports/export': {
    likeNothing: (v, f) => reportFilters('/reports/export', v, f, 2),
    lists: (v) => [url('/reports/export', v)],
  },
};

/** Every server action and how the matrix asks it for the other side's resources. */
const ACTIONS: Record<string, string> = {
  'lib/accounts/actions.ts#chooseAccount': 'posted below with the other side’s account: 404',
  'lib/i18n/actions.ts#switchLanguage': 'none: changes the caller’s own language; its return address is checked by safeCallbackPath',
  'lib/auth/actions.ts#signInAction': 'none: public sign-in',
  'lib/auth/actions.ts#signOutAction': 'none: ends the caller’s own session',
  'lib/auth/actions.ts#signOutEverywhereAction': 'none: ends the caller’s own sessions',
  'lib/auth/actions.ts#changePasswordAction': 'none: changes the caller’s own password, the current one required',
  'lib/notices/actions.ts#turnNoticesOffAction': 'none: public; turns off the notices of the user its signed token names, nothing else',
  'lib/people/users-actions.ts#invitePersonAction': 'lib/people/manage.test.ts: administrators only, the customer’s own accounts (404 otherwise)',
  'lib/people/users-actions.ts#changeAccessAction': 'lib/people/manage.test.ts: another customer’s person is a 404',
  'lib/people/users-actions.ts#setPersonActiveAction': 'lib/people/manage.test.ts: another customer’s person is a 404',
  'lib/people/users-actions.ts#resendInvitationAction': 'only the caller’s customer’s invited people (404 otherwise)',
  'lib/people/actions.ts#requestResetAction': 'none: public; the same answer whatever the e-mail, limited per address',
  'lib/people/actions.ts#setPasswordAction': 'none: public; its single-use token names its own user',
  'lib/settings/actions.ts#setNoticesAction': 'none: the caller’s own notices setting',
  'lib/settings/actions.ts#calendarFeedAction': 'none: the caller’s own calendar feed',
  'lib/online-services/actions.ts#setUpOnlineServiceAction': 'posted below with the other side’s account, and by partner users at all: 404, nothing written',
  'lib/online-services/actions.ts#reduceSelfProvisioningAction': 'posted below with the other side’s line, and by partner users at all: 404, nothing written',
  'lib/orders/actions.ts#recordOrderAction': 'posted below with the other side’s account, and by customer users at all: 404, nothing written',
  'lib/orders/actions.ts#sendOrderLinkAction': 'posted below with the other side’s order, and by customer users at all: 404',
  'lib/orders/actions.ts#lineChoicesAction': 'lib/orders/record.test.ts: only the lines of the accounts the partner serves for the customer in view (another customer’s or another partner’s lines are not offered); anyone but a partner working for a customer: 404',
  'lib/orders/actions.ts#cancelOrderAction': 'lib/orders/record.test.ts: another partner’s, another customer’s or an imported order, and anyone but a partner: not found, nothing written (the demo data has no order a partner recorded to post here)',
};

// ─── The checks ───────────────────────────────────────────────────────────

/** Identifiers and names of `foreign` that must not appear in `body` (those the request itself carried excepted). */
function leaks(body: string, foreign: Side, requested: string): string[] {
  const carried = new Set(requested.match(/\d{7}|[A-Z0-9]+(?:-[A-Z0-9]+)+/g) ?? []);
  const asked = decodeURIComponent(requested.replace(/\+/g, ' '));
  const identifiers = [...foreign.accounts, ...foreign.orders, ...foreign.agreements, ...foreign.customers].filter((id) => !carried.has(id));
  const names = foreign.names.filter((name) => !asked.includes(name.replace('<', '')));
  return [...identifiers.filter((id) => new RegExp(`(^|\\D)${id}(\\D|$)`).test(body)), ...names.filter((name) => body.includes(name))];
}

/** A page request, and the same as a client navigation (RSC payload; `_rsc` is the cache-busting parameter Next expects). */
function variants(path: string): { label: string; path: string; headers: Record<string, string> }[] {
  return [
    { label: 'page', path, headers: {} },
    { label: 'RSC', path: `${path}${path.includes('?') ? '&' : '?'}_rsc`, headers: { rsc: '1' } },
  ];
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}

const contexts = new Map<Role, APIRequestContext>();

/** Rows of the end-to-end database (read-only: the counts that a refused write must leave as they were). */
function database(): Database.Database {
  return new Database(DATABASE_PATH, { readonly: true, fileMustExist: true });
}
const transactionCount = () => {
  const db = database();
  try {
    return (db.prepare('select count(*) as n from inventory_transactions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const orderCount = () => {
  const db = database();
  try {
    return (db.prepare('select count(*) as n from orders').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test.beforeAll(async ({ playwright }) => {
  const db = database();
  for (const side of [fabrikam, contoso, northwind, adatum]) {
    const marks = side.accounts.map(() => '?').join(', ');
    const rows = db
      .prepare(
        `select t.id from inventory_transactions t join inventory_lines l on l.id = t.line_id join purchase_accounts a on a.id = l.purchase_account_id
          where t.kind = 'self_provisioning' and a.number in (${marks}) order by t.id`,
      )
      .all(...side.accounts) as { id: number }[];
    side.receipts.push(...rows.map((row) => String(row.id)));
    if (!side.customer) {
      const people = db
        .prepare(`select distinct g.user_id as id from grants g join customers c on c.id = g.customer_id where c.number in (${side.customers.map(() => '?').join(', ')})`)
        .all(...side.customers) as { id: number }[];
      side.people.push(...people.map((row) => String(row.id)));
    }
  }
  db.close();
  for (const role of new Set(PAIRS.flatMap(([viewer, foreign]) => [viewer.role, foreign.lineOwner]))) {
    contexts.set(role, await playwright.request.newContext({ baseURL: BASE_URL, storageState: storageStatePath(role) }));
  }
  // Line ids, found the way their owner finds them: the history links of the inventory.
  for (const side of [fabrikam, contoso, northwind, adatum]) {
    const owner = contexts.get(side.lineOwner)!;
    for (const account of side.lineAccounts) {
      const html = await (await owner.get(`/inventory?account=${account}&expand=all`)).text();
      side.lineIds.push(...new Set([...html.matchAll(/\/inventory\/history\/(\d+)/g)].map((match) => match[1]!)));
    }
    expect(side.lineIds.length, `line ids of ${side.lineAccounts.join(', ')}`).toBeGreaterThan(0);
  }
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

test('every route and server action of the app is in the matrix', () => {
  expect(appRoutes()).toEqual(Object.keys(ROUTES).sort());
  expect(serverActions()).toEqual(Object.keys(ACTIONS).sort());
  for (const [route, probe] of Object.entries(ROUTES)) expect(probe.notFound || probe.lists || probe.likeNothing || probe.none, route).toBeTruthy();
});

for (const [viewer, foreign] of PAIRS) {
  test(`${viewer.role} never reaches what ${foreign.role} may see (${viewer.customer ? 'partners' : 'customers'})`, async () => {
    const request = contexts.get(viewer.role)!;
    const problems: string[] = [];
    const probes = Object.entries(ROUTES);

    const missing = probes.flatMap(([, probe]) => probe.notFound?.(viewer, foreign) ?? []);
    await inBatches(
      missing.flatMap((path) => variants(path)),
      4,
      async ({ label, path, headers }) => {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        const body = await response.text();
        if (response.status() !== 404) problems.push(`${label} ${path}: ${response.status()} instead of 404`);
        const leaked = leaks(body, foreign, path);
        if (leaked.length) problems.push(`${label} ${path}: shows ${leaked.join(', ')}`);
      },
    );

    const filters = probes.flatMap(([, probe]) => probe.likeNothing?.(viewer, foreign) ?? []);
    await inBatches(filters, 4, async ({ path, value, nothing: nothingValue = NAMES_NOTHING }) => {
      const nothingPath = path.replace(`=${encodeURIComponent(value)}`, `=${nothingValue}`);
      const [named, nothing] = await Promise.all([request.get(path, { maxRedirects: 0 }), request.get(nothingPath, { maxRedirects: 0 })]);
      const [namedBody, nothingBody] = [await named.text(), await nothing.text()];
      if (named.status() !== nothing.status()) problems.push(`${path}: ${named.status()}, but ${nothing.status()} for a value naming nothing`);
      // The value naming nothing is unique: written back as the foreign value, the two pages must read the same. (The
      // pages' HTML is compared, not their React payload, whose chunks stream in an order that varies between
      // requests; the payload is still searched for the other side's identifiers below.)
      if (visibleHtml(namedBody) !== visibleHtml(nothingBody.replaceAll(nothingValue, value))) problems.push(`${path}: answers otherwise than for a value naming nothing`);
      const leaked = leaks(namedBody.replaceAll(value, ''), foreign, path);
      if (leaked.length) problems.push(`${path}: shows ${leaked.join(', ')}`);
    });

    const lists = probes.flatMap(([, probe]) => probe.lists?.(viewer, foreign) ?? []);
    await inBatches(
      lists.flatMap((path) => variants(path)),
      4,
      async ({ label, path, headers }) => {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        const body = await response.text();
        if (response.status() !== 200) problems.push(`${label} ${path}: ${response.status()} instead of 200`);
        // The viewer's own log records the exports it asked for, with the filters it typed (the matrix types the other
        // side's numbers into the report's filters above): what the viewer typed is not the other side's data.
        const own = path.startsWith('/account/activity') ? body.replace(/\/reports\/export\?(?:&amp;|\\u0026|[^"<\s;,\\])*/g, '') : body;
        const leaked = leaks(own, foreign, path);
        if (leaked.length) problems.push(`${label} ${path}: lists ${leaked.join(', ')}`);
      },
    );

    // The choose-account action, posted as the page's own form with the other side's account.
    const accounts = await (await request.get(url('/accounts', viewer))).text();
    const form = findForm(accounts, /name="account"/);
    for (const account of foreign.accounts.slice(0, 2)) {
      const response = await request.post(url('/accounts', viewer), { multipart: formBody(form, { account }), headers: { origin: BASE_URL }, maxRedirects: 0 });
      const body = await response.text();
      if (response.status() !== 404) problems.push(`chooseAccount ${account}: ${response.status()} instead of 404`);
      const leaked = leaks(body, foreign, `account=${account}`);
      if (leaked.length) problems.push(`chooseAccount ${account}: shows ${leaked.join(', ')}`);
    }

    // The set-up and reduction actions, posted as an administrator's own forms (a partner user has none:
    // it forges one from the administrator's page) with the other side's account and line.
    const formOwner = viewer.customer ? contexts.get(viewer.lineOwner)! : request;
    const written = transactionCount();
    const setUpPage = await formOwner.get('/online-services/setup');
    const setUp = findForm(await setUpPage.text(), /name="quantity"/);
    const setUpAccounts = viewer.customer ? [foreign.accounts[0]!, viewer.accounts[0]!] : foreign.accounts.slice(0, 2);
    for (const account of setUpAccounts) {
      const response = await request.post(new URL(setUpPage.url()).pathname + new URL(setUpPage.url()).search, {
        multipart: formBody(setUp, { account, quantity: '3' }),
        headers: { origin: BASE_URL },
        maxRedirects: 0,
      });
      if (response.status() !== 404) problems.push(`setUpOnlineService ${account}: ${response.status()} instead of 404`);
      const leaked = leaks(await response.text(), foreign, `account=${account}`);
      if (leaked.length) problems.push(`setUpOnlineService ${account}: shows ${leaked.join(', ')}`);
    }
    const ownLines = await (await formOwner.get('/inventory?account=all&expand=all')).text();
    const reducible = /\/online-services\/reduce\?line=(\d+)/.exec(ownLines)?.[1];
    expect(reducible, 'a self-provisioned line of the form owner').toBeTruthy();
    const reducePage = await formOwner.get(`/online-services/reduce?line=${reducible}`);
    const reduce = findForm(await reducePage.text(), /name="available"/);
    for (const line of [...foreign.lineIds.slice(0, 2), ...(viewer.customer ? [reducible!] : [])]) {
      // Both steps of a switch-off: the question (which must not be asked of a line that is not theirs) and its confirmation.
      for (const confirmed of [undefined, '1']) {
        const response = await request.post(new URL(reducePage.url()).pathname + new URL(reducePage.url()).search, {
          multipart: formBody(reduce, { line, intent: 'switch-off', ...(confirmed ? { confirmed } : {}) }),
          headers: { origin: BASE_URL },
          maxRedirects: 0,
        });
        if (response.status() !== 404) problems.push(`reduceSelfProvisioning line ${line}${confirmed ? ' (confirmed)' : ''}: ${response.status()} instead of 404`);
      }
    }
    expect(transactionCount(), 'transactions after the refused set-up and reduction posts').toBe(written);

    // Recording an order and sending an order's link, posted as a partner's own forms (a customer's users have
    // none: they forge one from Northwind's pages) with the other side's account and order.
    const partnerPages = viewer.customer ? request : contexts.get('partnerFr')!;
    const newOrder = await partnerPages.get('/partner/orders/new?customer=1000201');
    const recordForm = findForm(await newOrder.text(), /name="po"/);
    const orders = orderCount();
    const recordPath = new URL(newOrder.url()).pathname + new URL(newOrder.url()).search;
    for (const account of viewer.customer ? foreign.accounts.slice(0, 2) : ['5100201']) {
      const response = await request.post(recordPath, {
        multipart: formBody(recordForm, { account, po: 'PO-ISOLATION', row: '1', '1.product': 'O365-E3', '1.quantity': '1' }),
        headers: { origin: BASE_URL },
        maxRedirects: 0,
      });
      if (response.status() !== 404) problems.push(`recordOrder ${account}: ${response.status()} instead of 404`);
      // (The page posted to is Northwind's form, whose address names Fabrikam: that is not shown by the answer, it was asked.)
      const leaked = leaks(await response.text(), foreign, `${recordPath}&account=${account}`);
      if (leaked.length) problems.push(`recordOrder ${account}: shows ${leaked.join(', ')}`);
    }
    expect(orderCount(), 'orders after the refused posts').toBe(orders);
    const ownOrder = viewer.customer ? viewer.orders[0]! : '8800201';
    const orderPage = await partnerPages.get(`/orders/${ownOrder}?customer=1000201`);
    const sendForm = findForm(await orderPage.text(), /send-link-form/);
    for (const order of viewer.customer ? foreign.orders.slice(0, 2) : [ownOrder]) {
      const response = await request.post(new URL(orderPage.url()).pathname + new URL(orderPage.url()).search, {
        multipart: formBody(sendForm, { number: order }),
        headers: { origin: BASE_URL },
        maxRedirects: 0,
      });
      if (response.status() !== 404) problems.push(`sendOrderLink ${order}: ${response.status()} instead of 404`);
    }

    expect(problems, `${missing.length * 2} foreign requests, ${lists.length * 2} lists`).toEqual([]);
  });
}

test('a product code only another customer holds answers like an unknown one on the report and its export', async () => {
  const request = contexts.get('singleAccount')!;
  for (const path of ['/reports', '/reports/export']) {
    const foreign = await request.get(`${path}?product=D365-SALES`, { maxRedirects: 0 });
    const unknown = await request.get(`${path}?product=NO-SUCH-PRODUCT`, { maxRedirects: 0 });
    // A filter is never a 404: both are answered, with nothing found.
    expect(foreign.status()).toBe(200);
    expect(unknown.status()).toBe(200);
    expect(sameAnswer(await foreign.text(), 'D365-SALES')).toBe(sameAnswer(await unknown.text(), 'NO-SUCH-PRODUCT'));
  }
});

/** A page's HTML without its scripts (the React payload) and its per-request CSP nonce; a CSV as it is. */
function visibleHtml(body: string): string {
  const nonce = /nonce="([^"]+)"/.exec(body)?.[1];
  return (nonce ? body.replaceAll(nonce, 'NONCE') : body).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
}

/** An answer with the value asked for (which the page repeats) and the per-request CSP nonce set aside. */
function sameAnswer(body: string, value: string): string {
  const nonce = /nonce="([^"]+)"/.exec(body)?.[1];
  return (nonce ? body.replaceAll(nonce, 'NONCE') : body).replaceAll(value, 'VALUE').replaceAll(encodeURIComponent(value), 'VALUE');
}
