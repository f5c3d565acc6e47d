/**
 * The one database connection of a process: SQLite through better-sqlite3,
 * with WAL, foreign keys and a busy timeout. Opened lazily (never at module
 * load, which would run during `next build`) and kept on globalThis so that
 * development reloads reuse it.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { env } from '@/lib/env';
import * as schema from './schema';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = join(process.cwd(), 'db', 'migrations');

/** Opens (creating if needed) a database file and applies the pragmas every connection needs. */
export function openDatabase(path: string): DB {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema });
}

/** Applies the committed migrations (db/migrations) that are not yet applied. */
export function migrateDatabase(db: DB): void {
  migrate(db, { migrationsFolder: MIGRATIONS });
}

const globalForDb = globalThis as unknown as { licenseDeskDb?: DB };

/** The process's connection to DATABASE_PATH, migrated on first use. */
export function getDb(): DB {
  if (!globalForDb.licenseDeskDb) {
    const db = openDatabase(env().DATABASE_PATH);
    migrateDatabase(db);
    globalForDb.licenseDeskDb = db;
  }
  return globalForDb.licenseDeskDb;
}

/** For tests and scripts that bring their own database. */
export function setDb(db: DB | undefined): void {
  globalForDb.licenseDeskDb = db;
}
