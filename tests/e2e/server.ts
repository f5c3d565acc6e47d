/**
 * The server the end-to-end tests run against: a fresh database, migrated and
 * loaded with the demo data for the fixed test "today", served by the
 * production build (scripts/serve.ts, as `npm start`) on 127.0.0.1.
 *
 * With DATABASE_URL, the database is that (empty) PostgreSQL database; with
 * E2E_DEMO_DATA=none as well, nothing is loaded: a second server joins a
 * database the first one loaded (tests/e2e/two-servers.spec.ts).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { closeDatabase, migrateDatabase, openDatabase, prepareDatabase } from '@/db/client';
import { buildDemoDocument } from '@/fixtures/demo';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';
import { importDocument } from '@/lib/import/apply';

async function prepare() {
  const config = env();
  if (config.DATABASE_URL) {
    const db = await prepareDatabase(); // migrates
    if (process.env.E2E_DEMO_DATA !== 'none') await importDocument(db, buildDemoDocument(today()));
    await closeDatabase();
    return;
  }
  const path = config.DATABASE_PATH;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  // A new database on purpose: the production start itself refuses to create one (DATABASE_CREATE).
  const db = openDatabase(path, { create: true });
  migrateDatabase(db);
  await importDocument(db, buildDemoDocument(today()));
  db.$client.close();
}

async function main() {
  await prepare();
  const port = String(env().PORT);
  const child = spawn('tsx', ['scripts/serve.ts', '--port', port], { stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
