/**
 * More connections to a test database: a second one, as another server
 * process would open (either engine), and — on PostgreSQL — databases that
 * cannot be written or reached, for the tests of what the product answers
 * then (the health probe, sign-in): the PostgreSQL counterparts of SQLite's
 * read-only file and held write lock.
 */
import { afterAll } from 'vitest';
import { BUSY_TIMEOUT_MS, openDatabase, openReadOnlyDatabase, type Db } from '@/db/client';
import { connectionOf, sqliteOf, type PostgresConnection } from '@/db/handle';
import { withTransaction } from '@/db/transaction';
import { closePostgres, openPostgres } from '@/db/postgres';
import { one, run } from './db';

const opened: Db[] = [];

afterAll(async () => {
  for (const db of opened.splice(0)) {
    const connection = connectionOf(db);
    if (connection.engine === 'postgres') await closePostgres(connection);
    else connection.sqlite.close();
  }
});

/** A second connection to the test database, as another server process would open: the same file, or the same PostgreSQL database. */
export function secondConnection(db: Db): Db {
  const connection = connectionOf(db);
  const other = connection.engine === 'postgres' ? openPostgres(urlOf(db), { poolSize: 4, migrate: false, idleTimeoutMs: 200 }) : openDatabase(sqliteOf(db).name);
  opened.push(other);
  return other;
}

function postgresConnectionOf(db: Db): PostgresConnection {
  const connection = connectionOf(db);
  if (connection.engine !== 'postgres') throw new Error('This needs a PostgreSQL test database.');
  return connection;
}

function urlOf(db: Db): string {
  const url = postgresConnectionOf(db).pool.options.connectionString;
  if (!url) throw new Error('The test database has no connection string.');
  return url;
}

function open(url: string): Db {
  const db = openPostgres(url, { poolSize: 2, migrate: false, idleTimeoutMs: 200 });
  opened.push(db);
  return db;
}

/**
 * The test database set `default_transaction_read_only` (as a standby, or a
 * database an operator closed to writes, answers): a new handle on it, whose
 * sessions can read but every write is refused.
 */
export async function readOnlyHandle(db: Db): Promise<Db> {
  if (connectionOf(db).engine === 'sqlite') {
    // SQLite: the same file opened read-only, after a checkpoint so that it sees every write.
    sqliteOf(db).pragma('wal_checkpoint(TRUNCATE)');
    const readOnly = openReadOnlyDatabase(sqliteOf(db).name);
    opened.push(readOnly);
    return readOnly;
  }
  const { name } = await one<{ name: string }>(db, 'select current_database() as name');
  await run(db, `alter database "${name}" set default_transaction_read_only = on`);
  return open(urlOf(db));
}

/** A handle on a port where no PostgreSQL listens (a stopped server, a wrong DATABASE_URL). */
export function unreachableHandle(db: Db): Db {
  const url = new URL(urlOf(db));
  // Port 1 (tcpmux) is reserved and nothing of the test machine listens there.
  url.port = '1';
  return open(url.toString());
}

/**
 * SQLite: another connection (another process's) takes the database's one
 * write lock and holds it until the answer's `release()`; the test database
 * waits at most `waitMs` for it meanwhile, and its normal busy timeout is back
 * after release.
 */
export async function holdSqliteWriteLock(db: Db, waitMs: number): Promise<{ release: () => Promise<void> }> {
  const other = secondConnection(db);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  const held = withTransaction(other, async () => {
    locked();
    await released;
  });
  await lockTaken;
  sqliteOf(db).pragma(`busy_timeout = ${waitMs}`);
  return {
    release: async () => {
      release();
      await held;
      sqliteOf(db).pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    },
  };
}

/** SQLite: the connection's busy timeout and whether a transaction is open on it (what a request must leave as it found). */
export function sqliteConnectionState(db: Db): { busyTimeoutMs: number; inTransaction: boolean } {
  const sqlite = sqliteOf(db);
  return { busyTimeoutMs: sqlite.pragma('busy_timeout', { simple: true }) as number, inTransaction: sqlite.inTransaction };
}
