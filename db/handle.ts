/**
 * The asynchronous database handle (`Db`) over SQLite's one connection per
 * process, and the queue that keeps transactions apart.
 *
 * The query code is written once against drizzle's SQLite query builder and
 * awaits every statement (the same code will run on PostgreSQL). On SQLite the
 * handle is drizzle's `sqlite-proxy` driver whose callback runs each statement
 * on the better-sqlite3 connection, with the prepared statements kept by SQL
 * text.
 *
 * One connection holds at most one transaction, and a transaction is a state
 * of the connection: a statement of another request that ran during an
 * `await` inside someone else's transaction would join it (and be rolled back
 * with it). Hence a queue per connection (a promise chain): a transaction
 * (db/transaction.ts) takes its turn, and while one is open or waiting, every
 * statement of the plain handle waits its turn behind it. Statements of the
 * transaction go through the transaction's own handle, which runs them at
 * once and refuses to run after the transaction has ended.
 *
 * Driver API stays in db/: nothing else sees better-sqlite3.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy';
import * as schema from './schema';

/** The database handle every query and write function takes as its first argument. */
export type Db = SqliteRemoteDatabase<typeof schema>;

type Method = 'run' | 'all' | 'values' | 'get';

/** One open transaction: the handle given to its callback, and how deep its savepoints go. */
export interface OpenTransaction {
  handle: Db;
  savepoints: number;
  ended: boolean;
  /** PostgreSQL: the pooled connection the transaction holds (SQLite has one connection only). */
  client?: pg.PoolClient;
}

/** A database a handle reaches: SQLite's one connection, or a PostgreSQL pool (db/postgres.ts). */
export type Connection = SqliteConnection | PostgresConnection;

export interface PostgresConnection {
  engine: 'postgres';
  pool: pg.Pool;
  /** The connection string with its password masked, for messages. */
  label: string;
  /** Settles when the server has answered and the migrations are applied (started by the first statement). */
  ready(): Promise<void>;
}

export interface SqliteConnection {
  engine: 'sqlite';
  sqlite: Database.Database;
  /** The end of the queue: settles when the last queued task has. */
  tail: Promise<void>;
  /** Tasks queued or running (transactions and statements waiting behind one). */
  queued: number;
  /** The transaction open on the connection, if any. */
  open: OpenTransaction | null;
  statements: Map<string, Database.Statement>;
}

/** At most this many prepared statements are kept per connection (the product has a few hundred distinct texts). */
const STATEMENT_CACHE = 2000;

/**
 * Kept on globalThis, not in this module: the production build may bundle
 * this file more than once (a route's chunk, the instrumentation's), and a
 * handle made by one copy must be known to every other.
 */
const shared = globalThis as unknown as {
  licenseDeskHandles?: {
    connectionOfHandle: WeakMap<object, Connection>;
    transactionOfHandle: WeakMap<object, OpenTransaction>;
    handleOfSqlite: WeakMap<Database.Database, Db>;
    runningTransaction: AsyncLocalStorage<{ connection: Connection; open: OpenTransaction }>;
  };
};
shared.licenseDeskHandles ??= {
  connectionOfHandle: new WeakMap(),
  transactionOfHandle: new WeakMap(),
  handleOfSqlite: new WeakMap(),
  runningTransaction: new AsyncLocalStorage(),
};
const { connectionOfHandle, transactionOfHandle, handleOfSqlite } = shared.licenseDeskHandles;

function prepared(connection: SqliteConnection, text: string): Database.Statement {
  let statement = connection.statements.get(text);
  if (!statement) {
    statement = connection.sqlite.prepare(text);
    if (statement.reader) statement.raw(true);
    if (connection.statements.size >= STATEMENT_CACHE) connection.statements.clear();
    connection.statements.set(text, statement);
  }
  return statement;
}

/** Runs one statement now, answering in the shape drizzle's proxy driver maps (rows as arrays of values). */
function execute(connection: SqliteConnection, text: string, params: unknown[], method: Method): { rows: unknown[] } {
  const statement = prepared(connection, text);
  if (!statement.reader) {
    statement.run(params);
    return { rows: [] };
  }
  if (method === 'get') return { rows: statement.get(params) as unknown[] };
  return { rows: statement.all(params) };
}

/**
 * The transaction whose callback is running, in that callback's asynchronous
 * context. A statement of the plain handle issued there would wait behind
 * that very transaction and never run: it is refused at once instead, naming
 * the mistake (use the `tx` the callback was given).
 */
export const runningTransaction = shared.licenseDeskHandles.runningTransaction;

export function refuseInsideOwnTransaction(connection: Connection): void {
  const running = runningTransaction.getStore();
  if (running && running.connection === connection && !running.open.ended && (connection.engine === 'postgres' || connection.open === running.open)) {
    throw new Error('The plain database handle was used inside withTransaction on the same connection: it would wait for that transaction forever. Use the handle the callback was given (tx).');
  }
}

/** Runs `task` when every task queued before it has settled. */
export async function inTurn<T>(connection: SqliteConnection, task: () => Promise<T> | T): Promise<T> {
  const previous = connection.tail;
  let done!: () => void;
  connection.tail = new Promise<void>((resolve) => (done = resolve));
  connection.queued += 1;
  try {
    await previous;
    return await task();
  } finally {
    connection.queued -= 1;
    done();
  }
}

/** The plain handle of a better-sqlite3 connection (one per connection). */
export function asyncHandle(sqlite: Database.Database): Db {
  const existing = handleOfSqlite.get(sqlite);
  if (existing) return existing;
  const connection: SqliteConnection = { engine: 'sqlite', sqlite, tail: Promise.resolve(), queued: 0, open: null, statements: new Map() };
  const handle = drizzle(
    async (text, params, method) => {
      refuseInsideOwnTransaction(connection);
      // Nothing queued: run now (the common case costs no extra turn of the event loop).
      return connection.queued === 0 ? execute(connection, text, params, method) : inTurn(connection, () => execute(connection, text, params, method));
    },
    { schema },
  );
  connectionOfHandle.set(handle, connection);
  handleOfSqlite.set(sqlite, handle);
  return handle;
}

/** The handle given to a transaction's callback: runs at once, on the transaction's connection, while the transaction is open. */
export function transactionHandle(connection: SqliteConnection): OpenTransaction {
  const open: OpenTransaction = { handle: undefined as unknown as Db, savepoints: 0, ended: false };
  open.handle = drizzle(
    async (text, params, method) => {
      if (open.ended || connection.open !== open) throw new Error('A transaction handle was used after its transaction ended.');
      return execute(connection, text, params, method);
    },
    { schema },
  );
  connectionOfHandle.set(open.handle, connection);
  transactionOfHandle.set(open.handle, open);
  return open;
}

/** Makes a handle known as one of `connection`'s (and of the transaction `open`, if given). */
export function registerHandle(handle: Db, connection: Connection, open?: OpenTransaction): void {
  connectionOfHandle.set(handle, connection);
  if (open) transactionOfHandle.set(handle, open);
}

export function connectionOf(db: Db): Connection {
  const connection = connectionOfHandle.get(db);
  if (!connection) throw new Error('Not a License Desk database handle.');
  return connection;
}

/** The open transaction a handle belongs to (undefined for the plain handle). */
export function transactionOf(db: Db): OpenTransaction | undefined {
  return transactionOfHandle.get(db);
}

/** The better-sqlite3 connection under a handle: for db/ and the SQLite-only scripts (backup) alone. */
export function sqliteOf(db: Db): Database.Database {
  return sqliteConnectionOf(db).sqlite;
}

/** The SQLite connection under a handle; throws on another engine's (for what only SQLite has). */
export function sqliteConnectionOf(db: Db): SqliteConnection {
  const connection = connectionOf(db);
  if (connection.engine !== 'sqlite') throw new Error('This needs a SQLite database; the handle is on PostgreSQL.');
  return connection;
}

/**
 * Runs `task` — work on the connection that does not go through the handle
 * (a library with its own SQLite store) — when no transaction is open or
 * waiting, so that it cannot join someone else's transaction.
 */
export async function outsideTransactions<T>(db: Db, task: () => Promise<T>): Promise<T> {
  const connection = connectionOf(db);
  refuseInsideOwnTransaction(connection);
  // PostgreSQL: a pooled connection of its own, outside every transaction.
  if (connection.engine === 'postgres') return task();
  return connection.queued === 0 ? task() : inTurn(connection, task);
}
