/**
 * `npm run bench:load [-- --seconds 60 --sessions 50]` (not part of npm test;
 * needs `npm run build` first): load with writes (issue 7).
 *
 * Starts the production server (tests/e2e/server.ts: a fresh demo database at
 * data/load.db, then scripts/serve.ts) on 127.0.0.1:$LOAD_PORT (3232), signs
 * in N sessions spread over the demo users, and for S seconds has every
 * session loop over page reads, CSV exports and the writes that exist today:
 * the language switch and choosing a purchase account (server actions posted
 * as a browser without JavaScript posts them). Then it stops the server and
 * checks the database: the writes' effect is exactly what was sent.
 *
 * Every session of one user writes that user's own target values (a language,
 * a purchase account), so the final state does not depend on the order in
 * which concurrent writes land: each user's row must hold its targets, and
 * the sign-in record must hold exactly one successful attempt per session.
 *
 * Passes when: no request failed (5xx, network error, an unexpected status),
 * no "SQLITE" text reached a person, the server logged no 503, and the
 * counts match. Prints throughput and latency percentiles per kind.
 */
import Database from 'better-sqlite3';
import { DEMO_ACCOUNTS, DEMO_CUSTOMERS, DEMO_PASSWORD } from '@/lib/import/demo';
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
  { email: 'camille.martin@fabrikam.example', locale: 'en', account: DEMO_ACCOUNTS.montrealRnd },
  { email: 'jordan.lee@fabrikam.example', locale: 'fr', account: DEMO_ACCOUNTS.geneva },
  { email: 'lucie.bernard@fabrikam.example', locale: 'en', account: DEMO_ACCOUNTS.lyonPlant },
  { email: 'sam.taylor@fabrikam.example', locale: 'fr', account: DEMO_ACCOUNTS.lyon },
  { email: 'paul.roy@contoso.example', locale: 'en', account: DEMO_ACCOUNTS.contoso },
  { email: 'mathieu.gagnon@northwind.example', locale: 'en', account: DEMO_ACCOUNTS.besancon, customer: DEMO_CUSTOMERS.fabrikam },
  { email: 'emma.wilson@northwind.example', locale: 'fr', account: DEMO_ACCOUNTS.contoso, customer: DEMO_CUSTOMERS.contoso },
  { email: 'nadia.roux@adatum.example', locale: 'en', account: DEMO_ACCOUNTS.genevaSales, customer: DEMO_CUSTOMERS.fabrikam },
] as const;

type User = (typeof USERS)[number];

/**
 * Hook for self-provisioning (issue 7 asks the load to mix it in once it
 * exists): return a request that switches on an online service for the
 * session's customer, and add what it implies to `verify` below. Until then
 * it is null and the load has no self-provisioning writes.
 */
const selfProvisioningWrite: ((session: LoadSession) => Promise<Result>) | null = null;

type Kind = 'page' | 'export' | 'switchLanguage' | 'chooseAccount' | 'selfProvisioning';
type Result = { kind: Kind; status: number; ms: number; problem?: string };
type LoadSession = HttpSession & { user: User; pages: string[]; languageForm: HtmlForm; chooseForm: HtmlForm; formPage: string };

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
  if (roll < 0.18 && selfProvisioningWrite) return selfProvisioningWrite(session);
  const path = session.pages[Math.floor(Math.random() * session.pages.length)]!;
  return timed(path.includes('/export') ? 'export' : 'page', () => fetch(`${BASE}${path}`, { headers: { cookie: session.cookie }, redirect: 'manual' }), (status) => status === 200);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

async function main() {
  const server = await startDemoServer({ port: PORT, databasePath: DATABASE_PATH, env: { AUTH_SECRET: 'load-test-secret-0123456789abcdefghijklmnopqrstuvwxyz' } });
  try {
    console.log(`server up on ${BASE}; signing in ${SESSIONS} sessions ...`);

    const sessions: LoadSession[] = [];
    for (let index = 0; index < SESSIONS; index++) {
      const user = USERS[index % USERS.length]!;
      const session = await signInOverHttp(BASE, user.email, DEMO_PASSWORD);
      const formPage = withCustomer(user, '/accounts');
      const html = await (await fetch(`${BASE}${formPage}`, { headers: { cookie: session.cookie } })).text();
      sessions.push({ ...session, user, pages: pagesOf(user), formPage, languageForm: findForm(html, /name="locale"/), chooseForm: findForm(html, /name="account"/) });
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
