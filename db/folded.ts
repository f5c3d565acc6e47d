/**
 * Fills the folded search columns of rows written before they existed (or by
 * a writer that did not know them): every `*_search` column is null until
 * folded, found through a partial index of the nulls, so that this runs in
 * no time once done. Run after the migrations (./client.ts): SQL cannot fold
 * accents as the application does, so the fold is the application's own
 * (lib/search/normalize.ts) — the one place db/ uses lib/ beyond the
 * configuration, because a stored fold must be the fold the searches use.
 */
import { foldForSearch } from '@/lib/search/normalize';
import type { DB } from './client';
import type { Db } from './handle';
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

/** Folds what is not folded yet, in batches; returns how many rows it filled. */
export function fillFoldedColumns(db: DB): number {
  let filled = 0;
  for (const step of STEPS) {
    const select = db.$client.prepare<[], Row>(step.select);
    const update = db.$client.prepare(step.update);
    for (;;) {
      const rows = select.all();
      if (rows.length === 0) break;
      db.$client.transaction(() => {
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
 * them folded, since only the SQLite side folds while migrating.
 */
export async function unfoldedRows(db: Db): Promise<number> {
  let waiting = 0;
  for (const step of STEPS) waiting += (await statement(db, step.select).all()).length;
  return waiting;
}
