/**
 * `npm run bench:signin` (not part of `npm test`): does a flood of failed
 * sign-ins slow down people who are signed in? (It must not: a signed-in page
 * stays within twice its time without the flood.)
 *
 * 1. Loads the demo data into a scratch database and starts the production
 *    server (scripts/serve.ts, the build in .next) on 127.0.0.1:3231 with
 *    the default sign-in limits.
 * 2. Signs one user in through the sign-in form, as a browser without
 *    JavaScript does.
 * 3. Times /inventory for that user alone, then during a flood of failed
 *    sign-ins: 50 connections posting the sign-in form back to back, each
 *    attempt with a new unknown e-mail, for FLOOD_SECONDS. The bench acts
 *    as a trusted reverse proxy (TRUSTED_PROXIES=127.0.0.1) so that the
 *    flood comes from one client address and a genuine sign-in from another.
 * 4. Prints p50/p95 of both, what the flood was answered, and the server's
 *    peak resident memory. Requirement: p50 during the flood ≤ 2 × p50 alone.
 *
 * Needs a build (`npm run build`). Everything it starts, it stops.
 *
 * Engine: SQLite only: prepares and closes the SQLite database it measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '@/db/client';
import { buildDemoDocument } from '@/fixtures/demo';
import { today } from '@/lib/clock';
import { importDocument } from '@/lib/import/apply';

const PORT = Number(process.env.BENCH_PORT ?? 3231);
const BASE = `http://127.0.0.1:${PORT}`;
const USER = 'paul.roy@contoso.example';
const PASSWORD = 'demo-licences-2026';
const CONNECTIONS = 50;
const FLOOD_SECONDS = 20;
/** The flood runs this long before /inventory is timed, so it is timed under the flood's steady state. */
const RAMP_SECONDS = 3;
const BASELINE_SECONDS = 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function decodeEntities(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The hidden fields of the sign-in form, as a browser without JavaScript would post them. */
async function signInForm(): Promise<Record<string, string>> {
  const html = await (await fetch(`${BASE}/sign-in`)).text();
  const form = html.match(/<form[^>]*>(?:(?!<\/form>)[\s\S])*name="callbackUrl"[\s\S]*?<\/form>/)?.[0];
  if (!form) throw new Error('no sign-in form on /sign-in');
  const fields: Record<string, string> = {};
  for (const input of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) fields[decodeEntities(input[1]!)] = decodeEntities(input[2] ?? '');
  return fields;
}

/** The bench plays the reverse proxy (TRUSTED_PROXIES=127.0.0.1): the flood comes from one address, the genuine user from another. */
const FLOOD_ADDRESS = '203.0.113.66';
const GENUINE_ADDRESS = '198.51.100.20';

function postSignIn(fields: Record<string, string>, email: string, password: string, clientAddress: string, signal?: AbortSignal) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('email', email);
  body.append('password', password);
  return fetch(`${BASE}/sign-in`, { method: 'POST', body, redirect: 'manual', headers: { origin: BASE, accept: 'text/html', 'x-forwarded-for': clientAddress }, signal });
}

async function waitForServer(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not answer within 90 s');
}

/** Peak resident memory (VmHWM) of a process and its descendants, in MB. */
function peakRssMb(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length && i < 20; i += 1) {
    try {
      for (const task of readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) pids.push(Number(task));
    } catch {
      // gone
    }
  }
  let peak = 0;
  for (const id of pids) {
    try {
      const kb = Number(readFileSync(`/proc/${id}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // gone
    }
  }
  return peak;
}

async function timeInventory(cookie: string, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end && samples.length < 2000) {
    const started = performance.now();
    const response = await fetch(`${BASE}/inventory`, { headers: { cookie }, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`/inventory answered ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'license-desk-bench-signin-'));
  const databasePath = join(dir, 'bench.db');
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  await importDocument(db, buildDemoDocument(today()));
  db.$client.close();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(PORT),
    DATABASE_PATH: databasePath,
    AUTH_SECRET: randomBytes(32).toString('base64'),
    APP_URL: BASE,
    TRUSTED_PROXIES: '127.0.0.1',
  };
  // The defaults are what is measured.
  delete env.SIGN_IN_LIMIT_PER_ADDRESS;
  delete env.SIGN_IN_LIMIT_PER_ACCOUNT;
  const child = spawn('tsx', ['scripts/serve.ts', '--port', String(PORT)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForServer(child);
    const rssStarted = peakRssMb(child.pid!);
    const fields = await signInForm();
    const signedIn = await postSignIn(fields, USER, PASSWORD, GENUINE_ADDRESS);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((value) => value.split(';')[0]!)
      .find((value) => value.startsWith('authjs.session-token='));
    if (signedIn.status !== 303 || !cookie) throw new Error(`sign-in failed: ${signedIn.status}`);

    await timeInventory(cookie, 2); // warm-up
    const alone = summary(await timeInventory(cookie, BASELINE_SECONDS));
    const rssBefore = peakRssMb(child.pid!);

    const outcomes = new Map<string, number>();
    const floodLatencies: number[] = [];
    const stop = Date.now() + FLOOD_SECONDS * 1000;
    const abort = new AbortController();
    let counter = 0;
    const flood = Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < stop) {
        const started = performance.now();
        try {
          const response = await postSignIn(fields, `flood-${counter++}-${randomBytes(4).toString('hex')}@nowhere.example`, 'wrong-password', FLOOD_ADDRESS, abort.signal);
          const html = await response.text();
          const alert = html.match(/<p role="alert"[^>]*>([^<]*)<\/p>/)?.[1];
          const kind = response.status !== 200 ? `HTTP ${response.status}` : alert?.includes('Trop de tentatives de connexion en ce moment') ? 'too many attempts (throttled)' : alert?.includes('incorrect') ? 'incorrect e-mail or password (hashed)' : `other: ${alert ?? 'no alert'}`;
          outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
        } catch (error) {
          if (abort.signal.aborted) break;
          outcomes.set(`error: ${(error as Error).message}`, (outcomes.get(`error: ${(error as Error).message}`) ?? 0) + 1);
        }
        floodLatencies.push(performance.now() - started);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, RAMP_SECONDS * 1000));
    const during = summary(await timeInventory(cookie, FLOOD_SECONDS - RAMP_SECONDS - 1));
    // A genuine sign-in during the flood, from another address.
    const genuineStarted = performance.now();
    const genuine = await postSignIn(fields, USER, PASSWORD, GENUINE_ADDRESS);
    const genuineMs = performance.now() - genuineStarted;
    const genuineAlert = genuine.status === 200 ? (await genuine.text()).match(/<p role="alert"[^>]*>([^<]*)<\/p>/)?.[1] : undefined;
    await Promise.race([Promise.all(flood), new Promise((resolve) => setTimeout(resolve, 5000))]);
    abort.abort();
    const rss = peakRssMb(child.pid!);
    const attempts = [...outcomes.values()].reduce((a, b) => a + b, 0);

    console.log(`\nSign-in flood bench (${CONNECTIONS} connections, ${FLOOD_SECONDS} s, new unknown e-mail per attempt; default limits)`);
    console.log(`  /inventory alone:        p50 ${ms(alone.p50)}, p95 ${ms(alone.p95)}, max ${ms(alone.max)} (${alone.n} requests)`);
    console.log(`  /inventory during flood: p50 ${ms(during.p50)}, p95 ${ms(during.p95)}, max ${ms(during.max)} (${during.n} requests)`);
    console.log(`  ratio of p50s: ${(during.p50 / alone.p50).toFixed(2)} (requirement ≤ 2)`);
    console.log(`  flood: ${attempts} attempts (${(attempts / FLOOD_SECONDS).toFixed(1)}/s), answer time p50 ${ms(summary(floodLatencies).p50)}`);
    for (const [kind, n] of [...outcomes.entries()].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(6)}  ${kind}`);
    console.log(`  genuine sign-in from another address during the flood: HTTP ${genuine.status}${genuineAlert ? ` "${decodeEntities(genuineAlert)}"` : ''} in ${ms(genuineMs)}`);
    console.log(`  server peak RSS: ${rssStarted.toFixed(0)} MB once started, ${rssBefore.toFixed(0)} MB after one sign-in and /inventory alone, ${rss.toFixed(0)} MB after the flood`);
    const ok = during.p50 <= 2 * alone.p50;
    console.log(ok ? '  PASS' : '  FAIL: p50 during the flood is more than twice p50 alone');
    process.exitCode = ok ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
