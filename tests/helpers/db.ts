/**
 * A freshly migrated database for integration tests, on the engine of the
 * vitest project: SQLite (project "sqlite") or a real PostgreSQL (project
 * "postgres", tests/setup/postgres.ts). Migrations run once into a template;
 * each test gets a copy (fast, and every test starts clean).
 */
import { copyFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { migrateDatabase, openDatabase, type DB, type Db } from '@/db/client';
import { connectionOf } from '@/db/handle';
import { closePostgres, openPostgres } from '@/db/postgres';
import { statement, type Param } from '@/db/statements';

let template: string | undefined;

/** A fresh SQLite database, whatever the project: for what only SQLite has (its file, pragmas, query plans, the driver). */
export function createSqliteTestDb(): DB {
  if (!template || !existsSync(template)) {
    const dir = mkdtempSync(join(tmpdir(), 'license-desk-template-'));
    template = join(dir, 'template.db');
    const db = openDatabase(template);
    migrateDatabase(db);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.pragma('journal_mode = DELETE');
    db.$client.close();
  }
  const dir = mkdtempSync(join(tmpdir(), 'license-desk-test-'));
  const path = join(dir, 'test.db');
  copyFileSync(template, path);
  return openDatabase(path);
}

/** The PostgreSQL server of the "postgres" project, or undefined in the "sqlite" project. */
function postgresServer(): string | undefined {
  try {
    return inject('postgresUrl');
  } catch {
    return undefined;
  }
}

/** True in the vitest project that runs on PostgreSQL. */
export const onPostgres = (): boolean => postgresServer() !== undefined;

let created = 0;
const opened: Db[] = [];
let admin: pg.Client | undefined;

afterAll(async () => {
  for (const db of opened.splice(0)) {
    const connection = connectionOf(db);
    if (connection.engine === 'postgres') await closePostgres(connection);
  }
  await admin?.end();
  admin = undefined;
});

/** A fresh, migrated database on the project's engine (`poolSize`: PostgreSQL connections, for tests of writers at once). */
export async function createTestDb({ poolSize = 4 }: { poolSize?: number } = {}): Promise<Db> {
  const server = postgresServer();
  if (server === undefined) return createSqliteTestDb();
  if (!admin) {
    admin = new pg.Client({ connectionString: server });
    await admin.connect();
  }
  const name = `test_${process.pid}_${++created}`;
  await admin.query(`create database ${name} template license_desk_template`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  // Few connections that close soon when idle: hundreds of test databases share one server.
  const db = openPostgres(url.toString(), { poolSize, migrate: false, idleTimeoutMs: 200 });
  opened.push(db);
  return db;
}

/** One row of raw SQL (`?` placeholders) on a test database: for tests that check what was stored, column by column. */
export const one = async <T>(db: Db, sql: string, ...params: Param[]): Promise<T> => (await statement<T>(db, sql).get(...params)) as T;

/** Every row of raw SQL (`?` placeholders) on a test database. */
export const all = <T>(db: Db, sql: string, ...params: Param[]): Promise<T[]> => statement<T>(db, sql).all(...params);

/** Runs raw SQL (`?` placeholders) on a test database; answers how many rows it changed. */
export const run = async (db: Db, sql: string, ...params: Param[]): Promise<number> => (await statement(db, sql).run(...params)).rowsChanged;
