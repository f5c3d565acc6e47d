/**
 * `npm run bench:load [-- --seconds 60 --sessions 50]` (not part of npm test;
 * needs `npm run build` first): load with writes.
 *
 * Starts the production server (tests/e2e/server.ts: a fresh demo database at
 * data/load.db, then scripts/serve.ts) on 127.0.0.1:$LOAD_PORT (3232), signs
 * in N sessions spread over the demo users, and for S seconds has every
 * session loop over page reads, CSV exports and the writes: the language
 * switch, choosing a purchase account and, for customer administrators,
 * switching an online service on (server actions posted as a browser without
 * JavaScript posts them, double submits included). Then it stops the server
 * and checks the database: the writes' effect is exactly what was sent.
 *
 * Every session of one user writes that user's own target values (a language,
 * a purchase account), so the final state does not depend on the order in
 * which concurrent writes land: each user's row must hold its targets, and
 * the sign-in record must hold exactly one successful attempt per session.
 *
 * Passes when: no request failed (5xx, network error, an unexpected status),
 * no "SQLITE" text reached a person, the server logged no 503, and the
 * counts match. Prints throughput and latency percentiles per kind.
 *
 * Engine: SQLite only: checks the SQLite file itself (its integrity, what was written) after the load.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { DEMO_ACCOUNTS, DEMO_CUSTOMERS, DEMO_PASSWORD } from '@/fixtures/demo';
import { startDemoServer } from '../tests/helpers/demo-server';
import { findForm, formBody, type HtmlForm } from '../tests/helpers/html-forms';
import { signInOverHttp, type HttpSession } from '../tests/helpers/http-session';

function option(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new Error(`--${name} must be a number between 1 and ${max}`);
  return value;
}

const SECONDS = option('seconds', 60, 600);
const SESSIONS = option('sessions', 50, 200);
const PORT = Number(process.env.LOAD_PORT ?? 3232);
const BASE = `http://127.0.0.1:${PORT}`;
const DATABASE_PATH = 'data/load.db';

/** Each demo user, the customer it works for (partners), and the targets of its writes. */
const USERS = [
  { email: 'camille.martin@fabrikam.example', locale: 'en', account: DEMO_ACCOUNTS.montrealRnd, admin: true },
  { email: 'jordan.lee@fabrikam.example', locale: 'fr', account: DEMO_ACCOUNTS.geneva, admin: true },
  { email: 'lucie.bernard@fabrikam.example', locale: 'en', account: DEMO_ACCOUNTS.lyonPlant },
  { email: 'sam.taylor@fabrikam.example', locale: 'fr', account: DEMO_ACCOUNTS.lyon },
  { email: 'paul.roy@contoso.example', locale: 'en', account: DEMO_ACCOUNTS.contoso, admin: true },
  { email: 'mathieu.gagnon@northwind.example', locale: 'en', account: DEMO_ACCOUNTS.besancon, customer: DEMO_CUSTOMERS.fabrikam },
  { email: 'emma.wilson@northwind.example', locale: 'fr', account: DEMO_ACCOUNTS.contoso, customer: DEMO_CUSTOMERS.contoso },
  { email: 'nadia.roux@adatum.example', locale: 'en', account: DEMO_ACCOUNTS.genevaSales, customer: DEMO_CUSTOMERS.fabrikam },
] as const;

type User = (typeof USERS)[number];

/** The online service every administrator's session switches on, one subscription per write, on its own target account. */
const PROVISIONED_PRODUCT = 'EXO-P1';

/**
 * CONFIGURER DES SERVICES EN LIGNE posted as a browser without JavaScript
 * posts it: a new idempotency key each time (one more subscription), and now
 * and then the previous key again, as a double submit does (nothing more).
 */
function selfProvisioningWrite(session: LoadSession, counts: Map<string, number>): Promise<Result> {
  const repeat = session.lastKey !== undefined && Math.random() < 0.2;
  const key = repeat ? session.lastKey! : randomBytes(16).toString('hex');
  if (!repeat) {
    session.lastKey = key;
    counts.set(`provision:${session.user.email}`, (counts.get(`provision:${session.user.email}`) ?? 0) + 1);
  }
  const body = formBody(session.setUpForm!, { key, product: PROVISIONED_PRODUCT, account: session.user.account, quantity: '1' });
  return timed('selfProvisioning', () => fetch(`${BASE}${session.setUpPath}`, { method: 'POST', headers: { cookie: session.cookie, origin: BASE }, body, redirect: 'manual' }), (status) => status === 303);
}

type Kind = 'page' | 'export' | 'switchLanguage' | 'chooseAccount' | 'selfProvisioning';
type Result = { kind: Kind; status: number; ms: number; problem?: string };
type LoadSession = HttpSession & {
  user: User;
  pages: string[];
  languageForm: HtmlForm;
  chooseForm: HtmlForm;
  formPage: string;
  /** Customer administrators only: the set-up form and the address it posts to. */
  setUpForm?: HtmlForm;
  setUpPath?: string;
  lastKey?: string;
};

function withCustomer(user: User, path: string): string {
  if (!('customer' in user)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}customer=${user.customer}`;
}

function pagesOf(user: User): string[] {
  return [
    `/inventory?account=${user.account}`,
    '/inventory?account=all&expand=all',
    '/inventory?account=all&q=office',
    '/inventory/benefits?account=all',
    '/orders?account=all',
    '/reports',
    '/accounts',
    '/inventory/export?account=all',
    '/reports/export',
  ].map((path) => withCustomer(user, path));
}

async function timed(kind: Kind, run: () => Promise<Response>, expected: (status: number) => boolean): Promise<Result> {
  const started = performance.now();
  try {
    const response = await run();
    const body = await response.text();
    const ms = performance.now() - started;
    if (!expected(response.status)) return { kind, status: response.status, ms, problem: `HTTP ${response.status}` };
    if (/SQLITE/.test(body)) return { kind, status: response.status, ms, problem: 'SQLITE text reached the person' };
    return { kind, status: response.status, ms };
  } catch (error) {
    return { kind, status: 0, ms: performance.now() - started, problem: String(error) };
  }
}

async function step(session: LoadSession, counts: Map<string, number>): Promise<Result> {
  const roll = Math.random();
  const headers = { cookie: session.cookie, origin: BASE };
  if (roll < 0.08) {
    counts.set(`locale:${session.user.email}`, (counts.get(`locale:${session.user.email}`) ?? 0) + 1);
    return timed('switchLanguage', () => fetch(`${BASE}${session.formPage}`, { method: 'POST', headers, body: formBody(session.languageForm, { locale: session.user.locale }), redirect: 'manual' }), (status) => status === 303);
  }
  if (roll < 0.16) {
    counts.set(`account:${session.user.email}`, (counts.get(`account:${session.user.email}`) ?? 0) + 1);
    return timed('chooseAccount', () => fetch(`${BASE}${session.formPage}`, { method: 'POST', headers, body: formBody(session.chooseForm, { account: session.user.account }), redirect: 'manual' }), (status) => status === 303);
  }
  if (roll < 0.26 && session.setUpForm) return selfProvisioningWrite(session, counts);
  const path = session.pages[Math.floor(Math.random() * session.pages.length)]!;
  return timed(path.includes('/export') ? 'export' : 'page', () => fetch(`${BASE}${path}`, { headers: { cookie: session.cookie }, redirect: 'manual' }), (status) => status === 200);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

async function main() {
  const server = await startDemoServer({
    port: PORT,
    databasePath: DATABASE_PATH,
    // Every session signs in from 127.0.0.1 within seconds: the sign-in limits are for attackers, not for this.
    env: { AUTH_SECRET: 'load-test-secret-0123456789abcdefghijklmnopqrstuvwxyz', SIGN_IN_LIMIT_PER_ADDRESS: '1000', SIGN_IN_LIMIT_PER_ACCOUNT: '1000' },
  });
  try {
    console.log(`server up on ${BASE}; signing in ${SESSIONS} sessions ...`);

    const sessions: LoadSession[] = [];
    for (let index = 0; index < SESSIONS; index++) {
      const user = USERS[index % USERS.length]!;
      const session = await signInOverHttp(BASE, user.email, DEMO_PASSWORD);
      const formPage = withCustomer(user, '/accounts');
      const html = await (await fetch(`${BASE}${formPage}`, { headers: { cookie: session.cookie } })).text();
      const loadSession: LoadSession = { ...session, user, pages: pagesOf(user), formPage, languageForm: findForm(html, /name="locale"/), chooseForm: findForm(html, /name="account"/) };
      if ('admin' in user) {
        // The set-up page hands out its key by a redirect; the form's action fields are the same for every key.
        const setUp = await fetch(`${BASE}/online-services/setup?account=${user.account}`, { headers: { cookie: session.cookie } });
        loadSession.setUpForm = findForm(await setUp.text(), /name="quantity"/);
        loadSession.setUpPath = new URL(setUp.url).pathname + new URL(setUp.url).search;
      }
      sessions.push(loadSession);
    }

    // Every user starts away from its targets, so the check below proves the writes landed.
    const before = new Database(DATABASE_PATH);
    before.pragma('busy_timeout = 5000');
    for (const user of USERS) before.prepare('update users set locale = ?, remembered_account_id = null where email = ?').run(user.locale === 'fr' ? 'en' : 'fr', user.email);
    before.close();

    console.log(`running ${SECONDS} s with ${SESSIONS} concurrent sessions ...`);
    const results: Result[] = [];
    const counts = new Map<string, number>();
    const end = Date.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      sessions.map(async (session) => {
        while (Date.now() < end) results.push(await step(session, counts));
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    await server.stop();

    // ─── What the writes imply
    const db = new Database(DATABASE_PATH, { readonly: true });
    const mismatches: string[] = [];
    for (const user of USERS) {
      const row = db.prepare('select u.locale, a.number as account from users u left join purchase_accounts a on a.id = u.remembered_account_id where u.email = ?').get(user.email) as { locale: string; account: string | null };
      if ((counts.get(`locale:${user.email}`) ?? 0) > 0 && row.locale !== user.locale) mismatches.push(`${user.email}: locale ${row.locale}, expected ${user.locale}`);
      if ((counts.get(`account:${user.email}`) ?? 0) > 0 && row.account !== user.account) mismatches.push(`${user.email}: remembered account ${row.account}, expected ${user.account}`);
    }
    // Self-provisioning: each administrator's new keys, one subscription each, repeats adding nothing; every count the sum of its history.
    for (const user of USERS.filter((candidate) => 'admin' in candidate)) {
      const sent = counts.get(`provision:${user.email}`) ?? 0;
      const recorded = db
        .prepare(
          `select count(*) as n, coalesce(sum(t.available_delta), 0) as added from inventory_transactions t join users u on u.id = t.author_user_id
            where t.kind = 'self_provisioning' and u.email = ?`,
        )
        .get(user.email) as { n: number; added: number };
      if (recorded.n !== sent || recorded.added !== sent) mismatches.push(`${user.email}: ${recorded.n} self-provisionings adding ${recorded.added} recorded, ${sent} new submissions sent`);
    }
    const drift = db
      .prepare(
        `select count(*) as n from inventory_lines l
          where l.available_count != (select coalesce(sum(available_delta), 0) from inventory_transactions where line_id = l.id)
             or l.ordered_count != (select coalesce(sum(ordered_delta), 0) from inventory_transactions where line_id = l.id)`,
      )
      .get() as { n: number };
    if (drift.n > 0) mismatches.push(`${drift.n} lines whose counts are not the sums of their transactions`);
    const signIns = (db.prepare('select count(*) as n from sign_in_attempts where succeeded = 1').get() as { n: number }).n;
    if (signIns !== SESSIONS) mismatches.push(`${signIns} successful sign-ins recorded, ${SESSIONS} made`);
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') mismatches.push(`integrity check: ${String(integrity)}`);
    db.close();

    // ─── Report
    const failures = results.filter((result) => result.problem);
    const logged503 = (server.output().match(/\[server\] 503 /g) ?? []).length;
    const loggedBusy = (server.output().match(/SQLITE_BUSY/g) ?? []).length;
    console.log(`\n${results.length} requests in ${elapsed.toFixed(1)} s: ${(results.length / elapsed).toFixed(1)} requests/s`);
    console.log('kind             count    p50 ms   p95 ms   p99 ms   max ms');
    for (const kind of ['page', 'export', 'switchLanguage', 'chooseAccount', 'selfProvisioning'] as Kind[]) {
      const times = results.filter((result) => result.kind === kind).map((result) => result.ms).sort((a, b) => a - b);
      if (!times.length) continue;
      console.log(`${kind.padEnd(15)} ${String(times.length).padStart(6)} ${[50, 95, 99].map((p) => percentile(times, p).toFixed(0).padStart(8)).join(' ')} ${times.at(-1)!.toFixed(0).padStart(8)}`);
    }
    console.log(`writes sent: ${[...counts.values()].reduce((a, b) => a + b, 0)}; failed requests: ${failures.length}; server 503s logged: ${logged503}; SQLITE_BUSY in the server log: ${loggedBusy}`);
    for (const failure of failures.slice(0, 10)) console.log(`  ${failure.kind}: ${failure.problem}`);
    for (const mismatch of mismatches) console.log(`  count mismatch: ${mismatch}`);
    const ok = failures.length === 0 && logged503 === 0 && mismatches.length === 0;
    console.log(ok ? '\nPASS: zero errors, no SQLITE_BUSY reached a person, and the database holds exactly what the writes imply.' : '\nFAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
