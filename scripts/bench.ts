/**
 * `npm run bench [-- --quick | --seconds 5 --warmup 1] [--web-concurrency N] [--pages ID,ID] [--ports APP,FLOOR] [--out FILE]
 *   [--engine sqlite|postgres|both] [--rounds N] [--postgres-port N] [--compare FILE]`:
 * speed at scale (the budgets in docs/performance.md), in one run, not part of `npm test`.
 *
 * `--engine postgres` measures the same pages on PostgreSQL: a real one from
 * the npm registry (scripts/postgres/embedded.ts, as `nobody` when root) on
 * 127.0.0.1, the data imported into it, the server and the floor started with
 * DATABASE_URL. `--compare FILE` (another run's JSON, e.g. SQLite's) prints
 * each page's p50 against that run's. `--engine both` prepares both engines,
 * starts a server on each (no floor) and measures every page's p50 at 1
 * connection on both at once, requests taking turns between the two servers
 * (scripts/bench/measure.ts, interleaved), so that the machine's load weighs
 * on both alike; it
 * writes FILE-sqlite.json and FILE-postgres.json (`--out FILE`, default
 * bench/results/engines.json) and prints PostgreSQL's p50s against SQLite's.
 * `--rounds N` takes each page's run at 1 connection N times and keeps the
 * median: on a shared machine one run's p50 moves by a third from one minute
 * to the next.
 *
 * 1. Builds, in a temporary database and through the importer (lib/import),
 *    the large customer, the same customer ten times smaller and 50 ordinary
 *    customers (scripts/bench/data.ts).
 * 2. Makes sure the production build is up to date (`next build` only when
 *    the sources changed: scripts/bootstrap.mjs build).
 * 3. Starts the production server (scripts/serve.ts, WEB_CONCURRENCY server
 *    processes, one per core by default) and the floor (scripts/bench/floor.ts:
 *    the same query functions writing HTML with template strings) on free
 *    127.0.0.1 ports, and signs in each customer's administrator through the
 *    sign-in form (tests/helpers/http-session.ts).
 * 4. For each main page: its bytes (HTML raw and gzip'd, the JavaScript its
 *    <script src> name, gzip'd), then autocannon — a warm-up, SECONDS at 1
 *    connection, SECONDS at 16 (16 only on the large customer) — on the
 *    server, then on the floor (large customer); and the floor's time per
 *    query function (its /__profile).
 * 5. Evaluates the budgets (scripts/bench/report.ts), writes
 *    bench/results/latest.json and prints Markdown tables.
 *
 * Every load is bounded in time; both servers are stopped (process groups)
 * whatever happens. Exit code 0 whether budgets pass or fail (the figures are
 * the product); 1 when the bench itself could not run.
 *
 * Engine: SQLite only: prepares the measured SQLite databases and reads them directly (PostgreSQL's through the handle).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { migrateDatabase, openDatabase, type Db } from '@/db/client';
import { connectionOf } from '@/db/handle';
import { closePostgres, openPostgres } from '@/db/postgres';
import { statement } from '@/db/statements';
import { importDocument } from '@/lib/import/apply';
import { signInOverHttp } from '../tests/helpers/http-session';
import { startServer, type DemoServer } from '../tests/helpers/demo-server';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './postgres/embedded';
import { benchDocument, BENCH_PASSWORD, LARGE, landmarks, SMALL, type CustomerShape } from './bench/data';
import { bytesOf, groupCpuSeconds, interleaved, load, type Run } from './bench/measure';
import { evaluateBudgets, markdown, type Customer, type PageResult, type PageSpec, type Served } from './bench/report';

// ─── Options ────────────────────────────────────────────────────────────────

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function seconds(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isFinite(value) || value <= 0 || value > 60) throw new Error(`--${name} must be a number of seconds from 0.1 to 60`);
  return value;
}

const QUICK = process.argv.includes('--quick');
/** Each measured run, at 1 and at 16 connections. */
const SECONDS = seconds('seconds', QUICK ? 1 : 5);
/** The warm-up before each page (16 connections when 16 are measured, so every server process has served the page). */
const WARMUP = seconds('warmup', QUICK ? 0.5 : 1);
const WEB_CONCURRENCY = option('web-concurrency');
const OUT = option('out') ?? (option('engine') === 'postgres' ? 'bench/results/latest-postgres.json' : option('engine') === 'both' ? 'bench/results/engines.json' : 'bench/results/latest.json');
/** `--ports APP,FLOOR`: fixed ports for the server and the floor (a shared machine gives each user a range); free ones otherwise. */
const PORTS = option('ports')
  ?.split(',')
  .map(Number)
  .filter((port) => Number.isInteger(port) && port > 0) as [number, number] | undefined;
const ENGINE = option('engine') ?? 'sqlite';
if (ENGINE !== 'sqlite' && ENGINE !== 'postgres' && ENGINE !== 'both') throw new Error('--engine must be sqlite, postgres or both');
const POSTGRES_PORT = option('postgres-port');
const COMPARE = option('compare');
/** Only these pages (ids of PAGES), for a look at a few. */
const ONLY = option('pages')?.split(',');
const PROFILE_RUNS = QUICK ? 5 : 15;
/** `--rounds N`: each page's run at 1 connection taken N times (engines alternating), the median kept. */
const ROUNDS = Math.max(1, Math.min(9, Math.floor(Number(option('rounds') ?? 1)) || 1));
/** A run lasts longer than SECONDS when a page is slow, until it has this many answers (at 1 connection, at 16)… */
const MIN_ANSWERS = { 1: 10, 16: 20 };
/** … but never longer than this. */
const MAX_RUN_SECONDS = 30;

// ─── The pages ──────────────────────────────────────────────────────────────

const PAGES: (PageSpec & { path: (shape: CustomerShape) => string })[] = [
  { id: 'inventory', label: 'inventory, all accounts', scales: true, path: () => '/inventory?account=all' },
  { id: 'search', label: 'inventory search "datacenter 2022"', scales: true, path: () => '/inventory?account=all&q=datacenter+2022' },
  { id: 'expand-all', label: 'inventory expanded', scales: true, path: () => '/inventory?account=all&expand=all' },
  { id: 'one-account', label: 'inventory, one account', path: (shape) => `/inventory?account=${landmarks(shape).account}` },
  { id: 'benefits', label: 'benefits, all accounts', scales: true, path: () => '/inventory/benefits?account=all' },
  { id: 'orders', label: 'order history page 1', scales: true, path: () => '/orders?account=all' },
  { id: 'orders-40', label: 'order history page 40', scales: true, path: () => '/orders?account=all&page=40' },
  { id: 'orders-filtered', label: 'order history by product', path: (shape) => `/orders?account=all&product=${landmarks(shape).orderProduct}` },
  { id: 'order', label: 'one order', path: (shape) => `/orders/${landmarks(shape).order}` },
  { id: 'reports', label: 'report', scales: true, path: () => '/reports' },
  { id: 'accounts', label: 'account search "montreal"', path: () => '/accounts?field=location&term=montreal' },
  { id: 'sign-in', label: 'sign-in page', signedOut: true, path: () => '/sign-in' },
  { id: 'help', label: 'help', path: () => '/help' },
  { id: 'minimal', label: 'minimal signed-in page (shell and heading)', minimal: true, path: () => '/bench/minimal' },
];

// ─── Helpers ────────────────────────────────────────────────────────────────

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const log = (message: string) => console.error(`[bench] ${message}`);

function ensureBuild(): void {
  log('production build (next build only when the sources changed) ...');
  const result = spawnSync(process.execPath, ['scripts/bootstrap.mjs', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the production build failed');
}

/** Where the measured data lives: a SQLite file, or a PostgreSQL database. */
type Store = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The environment that points a server (or the floor) at the store. */
const storeEnv = (store: Store): Record<string, string> => (store.kind === 'postgres' ? { DATABASE_URL: store.url } : {});

async function withStore<T>(store: Store, work: (db: Db) => Promise<T>): Promise<T> {
  if (store.kind === 'sqlite') {
    const db = openDatabase(store.path, { create: true });
    try {
      migrateDatabase(db);
      return await work(db);
    } finally {
      db.$client.pragma('wal_checkpoint(TRUNCATE)');
      db.$client.close();
    }
  }
  const db = openPostgres(store.url, { poolSize: 2 });
  const connection = connectionOf(db);
  if (connection.engine !== 'postgres') throw new Error('unreachable');
  try {
    await connection.ready();
    return await work(db);
  } finally {
    await closePostgres(connection);
  }
}

async function prepareData(store: Store): Promise<void> {
  const started = performance.now();
  const document = benchDocument();
  const summary = await withStore(store, async (db) => {
    const imported = await importDocument(db, document);
    // Fresh statistics for PostgreSQL's planner and its tables vacuumed, as a database that has lived a while
    // has them (SQLite plans without) — and so that autovacuum does not work through the import during the runs.
    if (store.kind === 'postgres') await statement(db, 'vacuum analyze').run();
    return imported;
  });
  const counts = Object.entries(summary)
    .filter(([, value]) => value.created > 0)
    .map(([name, value]) => `${name} ${value.created}`)
    .join(', ');
  log(`data imported in ${((performance.now() - started) / 1000).toFixed(1)} s (${counts})`);
}

/** The floor's cookie for a user: its id and session version, read from the database. */
async function floorCookie(store: Store, email: string): Promise<string> {
  if (store.kind === 'postgres') {
    return withStore(store, async (db) => {
      const user = (await statement<{ id: number; version: number }>(db, 'select id, session_version as version from users where email = ?').get(email))!;
      return `floor-user=${user.id}.${user.version}`;
    });
  }
  const db = new Database(store.path, { readonly: true });
  try {
    const user = db.prepare('select id, session_version as version from users where email = ?').get(email) as { id: number; version: number };
    return `floor-user=${user.id}.${user.version}`;
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The time of one request, the best of two (warm). */
async function probe(url: string, cookie: string | undefined): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    await (await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' })).arrayBuffer();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}

/** Server processes whose CPU time is watched: after a run, wait until they are all idle. */
const watched: number[] = [];

/**
 * After a run, the servers still work through the requests that were in
 * flight when the load generator stopped (a synchronous query cannot be
 * abandoned), and a slow page can leave seconds of work: wait until the
 * servers' processes use less than a tenth of a core, so that it does not
 * weigh on the next run (at most MAX_RUN_SECONDS).
 */
async function settle(): Promise<void> {
  const deadline = performance.now() + MAX_RUN_SECONDS * 1000;
  const busy = () => watched.reduce((sum, pgid) => sum + groupCpuSeconds(pgid), 0);
  let before = busy();
  while (performance.now() < deadline) {
    await sleep(300);
    const now = busy();
    if (!(now - before > 0.03)) return;
    before = now;
  }
  log('warning: the servers were still busy after a run');
}

/** Warm-up, then SECONDS (longer for a slow page, up to MAX_RUN_SECONDS) at 1 connection, and at 16. */
async function measure(base: string, path: string, cookie: string | undefined, withSixteen: boolean, processes: number, pgid: number): Promise<{ c1: Run; c16?: Run }> {
  const url = `${base}${path}`;
  const cpu = () => groupCpuSeconds(pgid);
  const request = await probe(url, cookie);
  const bounded = (needed: number) => Math.min(MAX_RUN_SECONDS, Math.max(SECONDS, Math.ceil(needed)));
  await load(url, { connections: withSixteen ? 16 : 1, seconds: WARMUP, cookie });
  await settle();
  const c1 = await load(url, { connections: 1, seconds: bounded((MIN_ANSWERS[1] + 1) * request), cookie, cpu });
  await settle();
  if (!withSixteen) return { c1 };
  const c16 = await load(url, { connections: 16, seconds: bounded(((MIN_ANSWERS[16] + 16) * request) / processes), cookie, cpu });
  await settle();
  return { c1, c16 };
}

async function served(server: DemoServer, path: string, cookie: string | undefined, withSixteen: boolean, what: string, processes: number): Promise<Served> {
  const base = server.baseURL;
  const { status, body, ...bytes } = await bytesOf(base, path, cookie);
  if (status !== 200) throw new Error(`${what} ${path} answered ${status}, not 200`);
  if (cookie && /name="password"/.test(body)) throw new Error(`${what} ${path} answered the sign-in page`);
  const runs = await measure(base, path, cookie, withSixteen, processes, server.pid);
  for (const run of [runs.c1, runs.c16]) {
    if (run && (run.errors > 0 || run.non2xx > 0)) log(`warning: ${what} ${path} at ${run.connections} connections: ${run.errors} errors, ${run.non2xx} answers not 2xx`);
  }
  return { ...runs, bytes };
}

/** Each page's p50 at 1 connection against another run's (`--compare FILE`): this run ÷ that one. */
function comparison(results: PageResult[], file: string, engine: string): string {
  const other = JSON.parse(readFileSync(file, 'utf8')) as { settings?: { engine?: string }; pages: PageResult[] };
  const lines = ['', `### Against ${file} (${other.settings?.engine ?? 'sqlite'}): p50 at 1 connection, ms`, '', `| page | customer | ${engine} | other | × |`, '|---|---|---|---|---|'];
  for (const result of results) {
    const before = other.pages.find((candidate) => candidate.page.id === result.page.id && candidate.customer === result.customer);
    if (!before) continue;
    lines.push(`| ${result.page.label} | ${result.customer} | ${result.next.c1.p50} | ${before.next.c1.p50} | ${(result.next.c1.p50 / before.next.c1.p50).toFixed(2)} |`);
  }
  return lines.join('\n');
}

// ─── The run ────────────────────────────────────────────────────────────────

/** One engine's measured set-up: its data, its server and floor, its signed-in customers. */
interface Rig {
  engine: 'sqlite' | 'postgres';
  store: Store;
  app: DemoServer;
  /** The floor (scripts/bench/floor.ts); none with `--engine both`, which compares the two servers only. */
  floor?: DemoServer;
  customers: { customer: Customer; shape: CustomerShape; cookie: string; floorCookie?: string }[];
  results: PageResult[];
}

const ENGINES: ('sqlite' | 'postgres')[] = ENGINE === 'both' ? ['sqlite', 'postgres'] : [ENGINE];

async function startRig(engine: 'sqlite' | 'postgres', store: Store, servers: DemoServer[], withFloor: boolean, dir: string): Promise<Rig> {
  const [appPort, floorPort] = PORTS && ENGINES.length === 1 ? PORTS : [await freePort(), await freePort()];
  log(`${engine}: starting the production server on 127.0.0.1:${appPort} (WEB_CONCURRENCY=${WEB_CONCURRENCY ?? `default, ${availableParallelism()}`})${withFloor ? ` and the floor on 127.0.0.1:${floorPort}` : ''} ...`);
  // On PostgreSQL, DATABASE_URL decides and this path is never opened.
  const databasePath = store.kind === 'sqlite' ? store.path : join(dir, 'unused.db');
  const app = await startServer({
    script: 'scripts/serve.ts',
    reactServer: false,
    args: ['--port', String(appPort)],
    port: appPort,
    databasePath,
    env: { LICENSE_DESK_BENCH: '1', AUTH_SECRET: `bench-${Math.random().toString(36).slice(2)}-0123456789abcdefghijklmnopqrstuvwxyz`, ...(WEB_CONCURRENCY ? { WEB_CONCURRENCY } : {}), ...storeEnv(store) },
  });
  servers.push(app);
  watched.push(app.pid);
  let floor: DemoServer | undefined;
  if (withFloor) {
    floor = await startServer({ script: 'scripts/bench/floor.ts', args: ['--port', String(floorPort)], port: floorPort, databasePath, readyPath: '/sign-in', env: storeEnv(store) });
    servers.push(floor);
    watched.push(floor.pid);
  }
  const customers: Rig['customers'] = [];
  for (const [customer, shape] of [
    ['large', LARGE],
    ['small', SMALL],
  ] as const) {
    const session = await signInOverHttp(app.baseURL, shape.admin!.email, BENCH_PASSWORD);
    customers.push({ customer, shape, cookie: session.cookie, floorCookie: floor ? await floorCookie(store, shape.admin!.email) : undefined });
  }
  log(`${engine}: signed in ${customers.map((entry) => entry.shape.admin!.email).join(' and ')}`);
  return { engine, store, app, floor, customers, results: [] };
}

/**
 * One page for one customer on one rig: the server (and the floor and its
 * profile, for the large customer). With `--rounds N`, the server's run at 1
 * connection is taken N times and the one with the median p50 kept (16
 * connections, the floor and the profile once, in the first round).
 */
async function measurePage(rig: Rig, page: (typeof PAGES)[number], entry: Rig['customers'][number], processes: number, round: number): Promise<PageResult> {
  const { customer, shape, cookie, floorCookie: floorUser } = entry;
  const path = page.path(shape);
  const large = customer === 'large';
  const first = round === 0;
  log(`${customer}${ROUNDS > 1 ? ` (round ${round + 1} of ${ROUNDS})` : ''}: ${page.label} (${path})`);
  const next = await served(rig.app, path, page.signedOut ? undefined : cookie, large && first, 'server', processes);
  const floorFigures = large && first && rig.floor ? await served(rig.floor, path, page.signedOut ? undefined : floorUser, true, 'floor', 1) : undefined;
  const profile =
    page.signedOut || !rig.floor || !first
      ? undefined
      : ((await (await fetch(`${rig.floor.baseURL}/__profile?path=${encodeURIComponent(path)}&runs=${PROFILE_RUNS}`, { headers: { cookie: floorUser! } })).json()) as Record<string, number>);
  const { path: _path, ...spec } = page;
  log(`  p50 ${next.c1.p50} ms at 1 (${next.c1.rps}/s, ${next.c1.cpuMs ?? '?'} ms CPU each)${next.c16 ? `, ${next.c16.rps}/s at 16 (p99 ${next.c16.p99} ms)` : ''}${floorFigures ? `; floor p50 ${floorFigures.c1.p50} ms` : ''}; HTML ${(next.bytes.htmlGzip / 1024).toFixed(1)} KB gz, JS ${(next.bytes.jsGzip / 1024).toFixed(1)} KB gz`);
  return { page: spec, customer, path, next, floor: floorFigures, profile };
}

/** The rounds of one page and customer as one result: the run at 1 connection with the median p50, the rest from the first round. */
function medianRound(rounds: PageResult[]): PageResult {
  const [first] = rounds;
  const median = [...rounds].sort((a, b) => a.next.c1.p50 - b.next.c1.p50)[Math.floor((rounds.length - 1) / 2)]!;
  return { ...first!, next: { ...first!.next, c1: median.next.c1 }, ...(rounds.length > 1 ? { p50Rounds: rounds.map((round) => round.next.c1.p50) } : {}) };
}

/**
 * `--engine both`: one page for one customer on every rig. Each server has
 * its bytes checked, a warm-up and (large customer) its run at 16
 * connections on its own; the runs at 1 connection are taken together,
 * requests taking turns between the servers (interleaved), `--rounds` times,
 * the median kept.
 */
async function measureTogether(rigs: Rig[], page: (typeof PAGES)[number], customerIndex: number, processes: number): Promise<void> {
  const parts: { rig: Rig; path: string; url: string; cookie?: string; bytes: Served['bytes']; c16?: Run }[] = [];
  for (const rig of rigs) {
    const entry = rig.customers[customerIndex]!;
    const path = page.path(entry.shape);
    const cookie = page.signedOut ? undefined : entry.cookie;
    const large = entry.customer === 'large';
    log(`${rig.engine}, ${entry.customer}: ${page.label} (${path})`);
    const { status, body, ...bytes } = await bytesOf(rig.app.baseURL, path, cookie);
    if (status !== 200) throw new Error(`${rig.engine} ${path} answered ${status}, not 200`);
    if (cookie && /name="password"/.test(body)) throw new Error(`${rig.engine} ${path} answered the sign-in page`);
    const url = `${rig.app.baseURL}${path}`;
    const request = await probe(url, cookie);
    await load(url, { connections: large ? 16 : 1, seconds: WARMUP, cookie });
    await settle();
    const c16 = large ? await load(url, { connections: 16, seconds: Math.min(MAX_RUN_SECONDS, Math.max(SECONDS, Math.ceil(((MIN_ANSWERS[16] + 16) * request) / processes))), cookie, cpu: () => groupCpuSeconds(rig.app.pid) }) : undefined;
    if (c16) await settle();
    parts.push({ rig, path, url, cookie, bytes, c16 });
  }
  const rounds: Run[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Which server is asked first alternates with the round.
    const order = round % 2 === 0 ? parts : [...parts].reverse();
    const runs = await interleaved(
      order.map((part) => ({ url: part.url, cookie: part.cookie, cpu: () => groupCpuSeconds(part.rig.app.pid) })),
      { seconds: SECONDS, minAnswers: MIN_ANSWERS[1], maxSeconds: MAX_RUN_SECONDS },
    );
    rounds.push(order === parts ? runs : [...runs].reverse());
    await settle();
  }
  const { path: _path, ...spec } = page;
  for (const [index, part] of parts.entries()) {
    const runs = rounds.map((round) => round[index]!);
    const c1 = [...runs].sort((a, b) => a.p50 - b.p50)[Math.floor((runs.length - 1) / 2)]!;
    if (c1.errors > 0 || c1.non2xx > 0) log(`warning: ${part.rig.engine} ${part.path}: ${c1.errors} errors, ${c1.non2xx} answers not 2xx`);
    part.rig.results.push({ page: spec, customer: part.rig.customers[customerIndex]!.customer, path: part.path, next: { c1, ...(part.c16 ? { c16: part.c16 } : {}), bytes: part.bytes }, ...(ROUNDS > 1 ? { p50Rounds: runs.map((run) => run.p50) } : {}) });
  }
  log(`  p50 at 1 connection, interleaved: ${parts.map((part, index) => `${part.rig.engine} ${rounds.map((round) => round[index]!.p50).join(' / ')} ms`).join('; ')}`);
}

/** `--out FILE` as written for one engine of `--engine both` (FILE-sqlite.json, FILE-postgres.json). */
function outFile(engine: string): string {
  return ENGINES.length === 1 ? OUT : OUT.replace(/(\.json)?$/, `-${engine}.json`);
}

async function main() {
  const started = performance.now();
  const load0 = loadavg();
  ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), 'license-desk-bench-'));
  const servers: DemoServer[] = [];
  let postgres: EmbeddedPostgres | undefined;
  try {
    const rigs: Rig[] = [];
    for (const engine of ENGINES) {
      let store: Store;
      if (engine === 'postgres') {
        postgres = await startEmbeddedPostgres({ port: POSTGRES_PORT ? Number(POSTGRES_PORT) : await freePort() });
        log(`PostgreSQL (embedded) on ${postgres.url}`);
        store = { kind: 'postgres', url: postgres.url };
      } else {
        store = { kind: 'sqlite', path: join(dir, 'bench.db') };
      }
      await prepareData(store);
      rigs.push(await startRig(engine, store, servers, ENGINES.length === 1, dir));
    }

    const processes = WEB_CONCURRENCY ? Number(WEB_CONCURRENCY) : availableParallelism();
    const pages = PAGES.filter((candidate) => !ONLY || ONLY.includes(candidate.id));
    // Every page once under load before any is measured: a fresh server's first page otherwise carries the
    // compilation of the code all pages share (seen: 31 ms of CPU a request on the first page measured, 19 ms
    // for the same page later).
    log('warming up the servers on every page ...');
    for (const rig of rigs) {
      for (const { shape, cookie, floorCookie: floorUser } of rig.customers) {
        for (const page of pages) {
          await load(`${rig.app.baseURL}${page.path(shape)}`, { connections: 16, seconds: WARMUP, cookie: page.signedOut ? undefined : cookie });
          if (rig.floor) await load(`${rig.floor.baseURL}${page.path(shape)}`, { connections: 4, seconds: WARMUP / 2, cookie: page.signedOut ? undefined : floorUser });
        }
      }
    }
    await settle();
    // Page by page, the large customer then the small one: budget 1 compares the two, and measured minutes apart
    // (every page of one customer, then the other's) their ratio moved with the machine's load by up to 0.3.
    // With both engines, the two servers take turns request by request (measureTogether).
    for (const page of pages) {
      for (const customerIndex of [0, 1]) {
        if (rigs.length > 1) {
          await measureTogether(rigs, page, customerIndex, processes);
          continue;
        }
        const [rig] = rigs;
        const rounds: PageResult[] = [];
        for (let round = 0; round < ROUNDS; round++) rounds.push(await measurePage(rig!, page, rig!.customers[customerIndex]!, processes, round));
        rig!.results.push(medianRound(rounds));
      }
    }

    for (const rig of rigs) {
      const output = rig.app.output();
      const budgets = evaluateBudgets(rig.results);
      const report = {
        measuredAt: new Date().toISOString(),
        commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim(),
        host: { node: process.version, cores: availableParallelism(), loadAverageBefore: load0.map((x) => Math.round(x * 100) / 100), loadAverageAfter: loadavg().map((x) => Math.round(x * 100) / 100) },
        settings: { engine: rig.engine, rounds: ROUNDS, alternatedWith: ENGINES.length > 1 ? ENGINES.filter((engine) => engine !== rig.engine) : undefined, seconds: SECONDS, warmup: WARMUP, quick: QUICK, pages: ONLY ?? 'all', webConcurrency: WEB_CONCURRENCY ? Number(WEB_CONCURRENCY) : availableParallelism(), profileRuns: PROFILE_RUNS },
        serverLog: { sqliteBusy: (output.match(/SQLITE_BUSY/g) ?? []).length, unavailable503: (output.match(/\[server\] 503 /g) ?? []).length, restarts: (output.match(/restarting it/g) ?? []).length },
        pages: rig.results,
        budgets,
        durationSeconds: Math.round((performance.now() - started) / 1000),
      };
      const out = outFile(rig.engine);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
      if (rigs.length > 1) console.log(`\n## ${rig.engine}\n`);
      console.log(markdown(rig.results, budgets));
    }
    if (rigs.length > 1) console.log(comparison(rigs[1]!.results, outFile(rigs[0]!.engine), rigs[1]!.engine));
    else if (COMPARE) console.log(comparison(rigs[0]!.results, COMPARE, ENGINE));
    console.log(`\n${Math.round((performance.now() - started) / 1000)} s in all; figures in ${rigs.map((rig) => outFile(rig.engine)).join(' and ')}.`);
  } finally {
    for (const server of servers) await server.stop();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
