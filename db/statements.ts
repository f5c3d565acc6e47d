/**
 * Hand-written SQL, for the few places where the query builder costs too much
 * per row (the ledger and the importer write hundreds of thousands of rows in
 * one transaction) or cannot say it: `statement(db, text)` is prepared once
 * per connection and text, and each call runs on the handle's connection the
 * way the handle's own statements do (inside its transaction, or in turn
 * behind an open one). Placeholders are `?`, in order; the text must be valid
 * on every engine the product supports (see db/dialect.ts).
 *
 * The one way to run raw SQL outside db/: nothing else reaches the driver.
 */
import type Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { connectionOf, inTurn, transactionOf, type Db, type PostgresConnection, type SqliteConnection } from './handle';
import { numberedPlaceholders, postgresQuery } from './postgres';

export type Param = string | number | bigint | Buffer | null;

export interface Statement<Row> {
  /** Runs a statement that answers no rows; answers how many rows it changed. */
  run(...params: Param[]): Promise<{ rowsChanged: number }>;
  /** The first row, or undefined. */
  get(...params: Param[]): Promise<Row | undefined>;
  all(...params: Param[]): Promise<Row[]>;
  /**
   * Runs an insert of one row (its text without `returning`) and answers the
   * new row's id, the way the engine gives it cheapest: on SQLite the
   * connection's last row id (a `returning` clause costs about as much again
   * per row as the insert itself, measured on the import's 200,000 rows).
   */
  insert(...params: Param[]): Promise<number>;
}

const objectStatements = new WeakMap<SqliteConnection, Map<string, Database.Statement>>();

function prepared(connection: SqliteConnection, text: string): Database.Statement {
  let cache = objectStatements.get(connection);
  if (!cache) objectStatements.set(connection, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = connection.sqlite.prepare(text)));
  return statement;
}

/** On PostgreSQL: the statement sent as it is, its `?` numbered (db/postgres.ts). */
function postgresStatement<Row>(connection: PostgresConnection, db: Db, text: string): Statement<Row> {
  const open = transactionOf(db);
  const numbered = numberedPlaceholders(text);
  return {
    run: async (...params) => ({ rowsChanged: (await postgresQuery(connection, open, numbered, params)).rowCount ?? 0 }),
    get: async (...params) => (await postgresQuery<Row>(connection, open, numbered, params)).rows[0],
    all: async (...params) => (await postgresQuery<Row>(connection, open, numbered, params)).rows,
    insert: async (...params) => Number((await postgresQuery<{ id: number }>(connection, open, `${numbered} returning id`, params)).rows[0]!.id),
  };
}

export function statement<Row = Record<string, unknown>>(db: Db, text: string): Statement<Row> {
  const connection = connectionOf(db);
  if (connection.engine === 'postgres') return postgresStatement<Row>(connection, db, text);
  const open = transactionOf(db);
  const inOrder = async <T>(task: () => T): Promise<T> => {
    if (open) {
      if (open.ended || connection.open !== open) throw new Error('A transaction handle was used after its transaction ended.');
      return task();
    }
    return connection.queued === 0 ? task() : inTurn(connection, task);
  };
  return {
    run: (...params) => inOrder(() => ({ rowsChanged: prepared(connection, text).run(...params).changes })),
    get: (...params) => inOrder(() => prepared(connection, text).get(...params) as Row | undefined),
    all: (...params) => inOrder(() => prepared(connection, text).all(...params) as Row[]),
    insert: (...params) => inOrder(() => Number(prepared(connection, text).run(...params).lastInsertRowid)),
  };
}

const sqliteDialect = new SQLiteAsyncDialect();
const pgDialect = new PgDialect();

/** The rows of a drizzle `sql` template, as objects keyed by column name (quote camelCase aliases). */
export async function rows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const connection = connectionOf(db);
  if (connection.engine === 'postgres') {
    const { sql: text, params } = pgDialect.sqlToQuery(query);
    return (await postgresQuery<Row>(connection, transactionOf(db), text, params)).rows;
  }
  const { sql: text, params } = sqliteDialect.sqlToQuery(query);
  return statement<Row>(db, text).all(...(params as Param[]));
}
