import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db/client';
import { createSqliteTestDb } from '@/tests/helpers/db';
import { loadFixtures } from '@/tests/helpers/fixtures';
import { fillFoldedColumns } from './folded';

let db: DB;
beforeEach(async () => {
  db = createSqliteTestDb();
  await loadFixtures(db);
});
afterEach(() => db.$client.close());

describe('the folded search columns of rows written before they existed', () => {
  it('are filled by the application fold after the migrations, once', () => {
    // As a database migrated from before the columns has them: null.
    db.$client.exec(`update orders set number_search = null, customer_po_search = null; update products set code_search = null;
                     update agreements set search = null; update users set name_search = null;
                     update orders set customer_po_number = 'BC-ÉTÉ-2026' where id = (select min(id) from orders)`);
    const filled = fillFoldedColumns(db);
    expect(filled).toBeGreaterThan(0);
    const order = db.$client.prepare<[], { number: string; numberSearch: string; po: string }>('select number, number_search as numberSearch, customer_po_search as po from orders order by id limit 1').get()!;
    expect(order.po).toBe(' bc ete 2026');
    expect(order.numberSearch).toBe(` ${order.number.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()}`);
    const nulls = db.$client
      .prepare<[], { n: number }>(
        `select (select count(*) from orders where number_search is null or customer_po_search is null) + (select count(*) from products where code_search is null)
              + (select count(*) from agreements where search is null) + (select count(*) from users where name_search is null) as n`,
      )
      .get()!;
    expect(nulls.n).toBe(0);
    // Done: a later start finds nothing to fold.
    expect(fillFoldedColumns(db)).toBe(0);
  });

  it('are written by every write path already: nothing is left to fold after an import', () => {
    expect(fillFoldedColumns(db)).toBe(0);
  });
});
