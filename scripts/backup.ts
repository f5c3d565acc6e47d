/**
 * `npm run db:backup -- FILE [--force]`: a consistent copy of DATABASE_PATH
 * while the server keeps serving, reads and writes alike.
 *
 * `VACUUM INTO` copies the database as one read transaction sees it: every
 * committed write up to that moment, the write-ahead log included, and none
 * of the writes that commit while it runs (WAL lets them go on). Copying the
 * file itself would miss what is still in the -wal file, or catch a write
 * half-way. SQLite's online backup API would restart each time another
 * connection writes, and might never finish under steady writes.
 *
 * The copy is written beside FILE under a temporary name and renamed into
 * place once complete and checked, so FILE is never a half-written database.
 * An existing FILE is kept unless --force.
 *
 * With DATABASE_URL (PostgreSQL), the copy is PostgreSQL's own: `pg_dump
 * --format=custom` into FILE (restored with `pg_restore`), run when the
 * PostgreSQL client tools are installed; otherwise the command says so.
 *
 * Engine: SQLite only: copies the database file with SQLite's VACUUM INTO (PostgreSQL is backed up with pg_dump).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BUSY_TIMEOUT_MS } from '@/db/client';
import { env } from '@/lib/env';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const target = args.find((arg) => !arg.startsWith('--'));
if (!target || args.some((arg) => arg.startsWith('--') && arg !== '--force')) fail('usage: npm run db:backup -- FILE [--force]');

const { DATABASE_URL } = env();
if (DATABASE_URL) backUpPostgres(DATABASE_URL);

/** pg_dump of the database at `url` into the target, the connection given through libpq's variables (no password on a command line). */
function backUpPostgres(url: string): never {
  const destination = resolve(target!);
  if (existsSync(destination) && !force) fail(`${target} already exists; choose another file, or add --force to replace it.`);
  const parsed = new URL(url);
  const partial = `${destination}.partial-${process.pid}`;
  const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PGHOST: parsed.hostname,
      PGPORT: parsed.port || '5432',
      PGUSER: decodeURIComponent(parsed.username),
      PGPASSWORD: decodeURIComponent(parsed.password),
      PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
    },
  });
  if (dump.error) {
    fail('DATABASE_URL is set: the PostgreSQL database is backed up with pg_dump, which is not installed here. Install the PostgreSQL client tools (the version of your server or newer), or use your provider’s backups.');
  }
  if (dump.status !== 0) {
    rmSync(partial, { force: true });
    fail(`pg_dump failed (exit ${dump.status}); nothing was written to ${target}.`);
  }
  renameSync(partial, destination);
  console.log(`Backed up the PostgreSQL database to ${destination} (${statSync(destination).size} bytes, pg_dump custom format; restore with pg_restore).`);
  process.exit(0);
}

const source = env().DATABASE_PATH;
const destination = resolve(target);
if (!existsSync(source)) fail(`DATABASE_PATH=${source}: there is no database to back up.`);
if (destination === resolve(source)) fail('The backup must not replace the database itself.');
if (existsSync(destination) && !force) fail(`${target} already exists; choose another file, or add --force to replace it.`);
if (!existsSync(dirname(destination))) fail(`The directory ${dirname(destination)} does not exist.`);

const partial = `${destination}.partial-${process.pid}`;
const started = performance.now();
try {
  const database = new Database(source, { fileMustExist: true });
  try {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.prepare('VACUUM INTO ?').run(partial);
  } finally {
    database.close();
  }
  const copy = new Database(partial, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  renameSync(partial, destination);
} catch (error) {
  rmSync(partial, { force: true });
  fail(`Backup of ${source} failed: ${error instanceof Error ? error.message : String(error)}`);
}

const seconds = (performance.now() - started) / 1000;
const megabytes = statSync(destination).size / (1024 * 1024);
console.log(`Backed up ${source} to ${target}: ${megabytes.toFixed(2)} MB in ${seconds.toFixed(2)} s (integrity check ok).`);
