/**
 * The database of a process: PostgreSQL when DATABASE_URL is set (a pool,
 * db/postgres.ts), otherwise the one SQLite connection to DATABASE_PATH
 * through better-sqlite3, with WAL, foreign keys and a busy timeout. Opened
 * lazily (never at module load, which would run during `next build`) and
 * kept on globalThis so that development reloads reuse it.
 *
 * Opening checks the location first: a database that
 * cannot be written, or a missing file in production, stops the start with a
 * message naming DATABASE_PATH, instead of "Ready" followed by errors on
 * every page, or a silently created empty database where nobody can sign in.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { env } from '@/lib/env';
import { classifyDatabaseError } from './errors';
import { fillFoldedColumns } from './folded';
import { asyncHandle, connectionOf, type Db } from './handle';
import { closePostgres, openPostgres, PostgresUnavailableError } from './postgres';
import * as schema from './schema';

export type { Db } from './handle';

/**
 * The handle with its better-sqlite3 connection beside it: what openDatabase
 * answers, for db/ and the SQLite-only scripts; everything else takes `Db`.
 */
export type DB = Db & { $client: Database.Database };

const MIGRATIONS = join(process.cwd(), 'db', 'migrations');

/** The normal wait for another connection's write lock (the import, a backup, another request). */
export const BUSY_TIMEOUT_MS = 5000;

/** A database location the process cannot use; the message names DATABASE_PATH and says what to do. */
export class DatabaseLocationError extends Error {
  override name = 'DatabaseLocationError';
}

function refuse(path: string, reason: string): never {
  throw new DatabaseLocationError(`DATABASE_PATH=${path} (${resolve(path)}): ${reason}`);
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

/** True when the file is missing or empty (SQLite would create a new database there). */
function isNewDatabase(path: string): boolean {
  return !existsSync(path) || statSync(path).size === 0;
}

/**
 * Proves that the connection can write: a write transaction that changes the
 * header and is rolled back. Throws what SQLite throws (SQLITE_READONLY,
 * SQLITE_BUSY after the busy timeout, SQLITE_IOERR...). SQLite opens a file it
 * may not write read-only without saying so, hence the real write.
 */
export function probeWrite(sqlite: Database.Database): void {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    sqlite.pragma(`user_version = ${Number(version)}`);
  } finally {
    sqlite.exec('ROLLBACK');
  }
}

/**
 * Opens a database file and applies the pragmas every connection needs.
 * `create: false` refuses a missing (or empty) file instead of creating a new
 * empty database there. Throws DatabaseLocationError when the location cannot
 * be used for writing.
 */
export function openDatabase(path: string, { create = true }: { create?: boolean } = {}): DB {
  if (path !== ':memory:') {
    const file = resolve(path);
    const directory = dirname(file);
    if (isNewDatabase(file) && !create) {
      refuse(
        path,
        'there is no database at this path. Check DATABASE_PATH; to create a new, empty database there run `npm run db:migrate` or start once with DATABASE_CREATE=1.',
      );
    }
    try {
      mkdirSync(directory, { recursive: true });
    } catch (error) {
      refuse(path, `the directory ${directory} cannot be created (${errorText(error)}).`);
    }
    try {
      accessSync(directory, constants.W_OK | constants.X_OK);
    } catch {
      refuse(path, `the directory ${directory} is not writable; SQLite must create its -wal and -shm files beside the database.`);
    }
    if (existsSync(file)) {
      try {
        accessSync(file, constants.R_OK | constants.W_OK);
      } catch {
        refuse(path, 'the database file is read-only (or unreadable) for this process.');
      }
    }
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('synchronous = NORMAL');
  } catch (error) {
    refuse(path, `the database cannot be opened (${errorText(error)}).`);
  }
  try {
    probeWrite(sqlite);
  } catch (error) {
    // A write lock held by another process (an import, a backup) passes; it is not the location's fault.
    if (classifyDatabaseError(error)?.kind !== 'conflict') {
      sqlite.close();
      refuse(path, `the database cannot be written (${errorText(error)}).`);
    }
    console.warn(`DATABASE_PATH=${path}: the write lock is held by another connection; starting anyway.`);
  }
  return Object.assign(asyncHandle(sqlite), { $client: sqlite });
}

/** Applies the committed migrations (db/migrations) that are not yet applied, then folds the search columns of rows that have none yet (./folded.ts). */
export function migrateDatabase(db: DB): void {
  migrate(drizzle(db.$client, { schema }), { migrationsFolder: MIGRATIONS });
  fillFoldedColumns(db);
}

const globalForDb = globalThis as unknown as { licenseDeskDb?: DB; licenseDeskPostgres?: Db };

/**
 * The process's connection to DATABASE_PATH, migrated on first use. A missing
 * database is created outside production, and in production only when
 * DATABASE_CREATE=1 (scripts that create one on purpose call openDatabase
 * with `create: true` and setDb).
 */
export function getDb(): DB {
  if (!globalForDb.licenseDeskDb) {
    const config = env();
    const db = openDatabase(config.DATABASE_PATH, { create: config.NODE_ENV !== 'production' || config.DATABASE_CREATE });
    migrateDatabase(db);
    globalForDb.licenseDeskDb = db;
  }
  return globalForDb.licenseDeskDb;
}

/**
 * The process's database handle (DATABASE_URL's PostgreSQL, or DATABASE_PATH's
 * SQLite; opened and migrated on first use): pages, route handlers and server
 * actions take it here and pass it to every query and write function as its
 * first argument.
 */
export function database(): Db {
  if (globalForDb.licenseDeskPostgres) return globalForDb.licenseDeskPostgres;
  const config = env();
  if (config.DATABASE_URL) return (globalForDb.licenseDeskPostgres = openPostgres(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE }));
  return getDb();
}

/**
 * Opens the process's database and waits until it can serve: the SQLite file
 * opened, proved writable and migrated; PostgreSQL reached and migrated (once
 * across servers). Throws DatabaseLocationError naming DATABASE_PATH or
 * DATABASE_URL and the reason.
 */
export async function prepareDatabase(): Promise<Db> {
  const db = database();
  const connection = connectionOf(db);
  if (connection.engine === 'postgres') {
    try {
      await connection.ready();
    } catch (error) {
      if (error instanceof PostgresUnavailableError) throw new DatabaseLocationError(error.message, { cause: error });
      throw error;
    }
  }
  return db;
}

/** The engine of a handle: for the few things that are one engine's own (the file backup, query plans). */
export function engineOf(db: Db): 'sqlite' | 'postgres' {
  return connectionOf(db).engine;
}

/**
 * A read-only handle on an existing database file: what a read-only database
 * answers (tests), and the source of the copy to PostgreSQL
 * (scripts/db-copy.ts), which must never change it.
 */
export function openReadOnlyDatabase(path: string): DB {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return Object.assign(asyncHandle(sqlite), { $client: sqlite });
}

/** Closes the process's connections, if open (a process that serves nothing keeps none, a script that is done ends them); the next use opens them again. */
export async function closeDatabase(): Promise<void> {
  globalForDb.licenseDeskDb?.$client.close();
  globalForDb.licenseDeskDb = undefined;
  const postgres = globalForDb.licenseDeskPostgres;
  globalForDb.licenseDeskPostgres = undefined;
  if (postgres) {
    const connection = connectionOf(postgres);
    if (connection.engine === 'postgres') await closePostgres(connection);
  }
}

/** For tests and scripts that bring their own database (either engine's); undefined forgets both. */
export function setDb(db: Db | undefined): void {
  if (db === undefined) {
    globalForDb.licenseDeskDb = undefined;
    globalForDb.licenseDeskPostgres = undefined;
  } else if (connectionOf(db).engine === 'postgres') globalForDb.licenseDeskPostgres = db;
  else globalForDb.licenseDeskDb = db as DB;
}
