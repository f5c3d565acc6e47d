/**
 * Fills the folded search columns of rows written before they existed (or by
 * a writer that did not know them): every `*_search` column is null until
 * folded, found through a partial index of the nulls, so that this runs in
 * no time once done. Run after the migrations (./client.ts on SQLite,
 * ./postgres.ts on PostgreSQL): SQL cannot fold
 * accents as the application does, so the fold is the application's own
 * (lib/search/normalize.ts) — the one place db/ uses lib/ beyond the
 * configuration, because a stored fold must be the fold the searches use.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { foldForSearch } from '@/lib/search/normalize';
import type { DB } from './client';
import { connectionOf, outsideTransactions, type Db } from './handle';
import { numberedPlaceholders } from './postgres';
import { statement } from './statements';

type Row = Record<string, string | number | null>;

const BATCH = 500;

const STEPS: { select: string; update: string; values: (row: Row) => (string | number)[] }[] = [
  {
    select: `select id, number, customer_po_number as po from orders where number_search is null limit ${BATCH}`,
    update: 'update orders set number_search = ?, customer_po_search = ? where id = ?',
    values: (row) => [foldForSearch(row.number as string), foldForSearch(row.po as string | null), row.id as number],
  },
  {
    select: `select id, code from products where code_search is null limit ${BATCH}`,
    update: 'update products set code_search = ? where id = ?',
    values: (row) => [foldForSearch(row.code as string), row.id as number],
  },
  {
    select: `select id, number, name from agreements where search is null limit ${BATCH}`,
    update: 'update agreements set search = ? where id = ?',
    values: (row) => [foldForSearch(row.number as string, row.name as string | null), row.id as number],
  },
  {
    select: `select id, name, email from users where name_search is null limit ${BATCH}`,
    update: 'update users set name_search = ? where id = ?',
    values: (row) => [foldForSearch(row.name as string, row.email as string), row.id as number],
  },
];

/** Folds what is not folded yet, in batches; returns how many rows it filled. On SQLite's connection, synchronously, while migrating. */
export function fillFoldedColumns(db: DB): number {
  return fillOnSqlite(db.$client);
}

function fillOnSqlite(sqlite: Database.Database): number {
  let filled = 0;
  for (const step of STEPS) {
    const select = sqlite.prepare<[], Row>(step.select);
    const update = sqlite.prepare(step.update);
    for (;;) {
      const rows = select.all();
      if (rows.length === 0) break;
      sqlite.transaction(() => {
        for (const row of rows) update.run(...step.values(row));
      })();
      filled += rows.length;
    }
  }
  return filled;
}

/**
 * Whether rows still wait for their folded columns (a count, at most one batch
 * per column): a database copied elsewhere (scripts/db-copy.ts) must carry
 * them folded, as its source would after its own start.
 */
export async function unfoldedRows(db: Db): Promise<number> {
  let waiting = 0;
  for (const step of STEPS) waiting += (await statement(db, step.select).all()).length;
  return waiting;
}

/**
 * The same on PostgreSQL, on one connection of the pool (db/postgres.ts runs
 * it after the migrations, under their advisory lock): each batch in a
 * transaction of its own.
 */
export async function fillFoldedColumnsOnPostgres(client: pg.ClientBase): Promise<number> {
  let filled = 0;
  for (const step of STEPS) {
    const update = numberedPlaceholders(step.update);
    for (;;) {
      const { rows } = await client.query<Row>(step.select);
      if (rows.length === 0) break;
      await client.query('begin');
      try {
        for (const row of rows) await client.query(update, step.values(row));
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
      filled += rows.length;
    }
  }
  return filled;
}

/** Folds what is not folded yet on a database of either engine (outside any transaction); returns how many rows it filled. */
export async function foldUnfoldedRows(db: Db): Promise<number> {
  const connection = connectionOf(db);
  if (connection.engine === 'sqlite') return outsideTransactions(db, async () => fillOnSqlite(connection.sqlite));
  await connection.ready();
  const client = await connection.pool.connect();
  try {
    return await fillFoldedColumnsOnPostgres(client);
  } finally {
    client.release();
  }
}
