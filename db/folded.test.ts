import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createTestDb, one, run } from '@/tests/helpers/db';
import { loadFixtures } from '@/tests/helpers/fixtures';
import { foldUnfoldedRows } from './folded';

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
});

describe('the folded search columns of rows written before they existed', () => {
  it('are filled by the application fold after the migrations, once', async () => {
    // As a database migrated from before the columns has them: null.
    for (const statement of [
      'update orders set number_search = null, customer_po_search = null',
      'update products set code_search = null',
      'update agreements set search = null',
      'update users set name_search = null',
      "update orders set customer_po_number = 'BC-ÉTÉ-2026' where id = (select min(id) from orders)",
    ]) {
      await run(db, statement);
    }
    const filled = await foldUnfoldedRows(db);
    expect(filled).toBeGreaterThan(0);
    const order = await one<{ number: string; numberSearch: string; po: string }>(db, 'select number, number_search as "numberSearch", customer_po_search as po from orders order by id limit 1');
    expect(order.po).toBe(' bc ete 2026');
    expect(order.numberSearch).toBe(` ${order.number.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()}`);
    const nulls = await one<{ n: number }>(
      db,
      `select (select count(*) from orders where number_search is null or customer_po_search is null) + (select count(*) from products where code_search is null)
            + (select count(*) from agreements where search is null) + (select count(*) from users where name_search is null) as n`,
    );
    expect(nulls.n).toBe(0);
    // Done: a later start finds nothing to fold.
    expect(await foldUnfoldedRows(db)).toBe(0);
  });

  it('are written by every write path already: nothing is left to fold after an import', async () => {
    expect(await foldUnfoldedRows(db)).toBe(0);
  });
});
