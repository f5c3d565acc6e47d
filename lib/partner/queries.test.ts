import { beforeEach, describe, expect, it } from 'vitest';
import { setDb, type DB } from '@/db/client';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_CUSTOMERS as C, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { listServedCustomers, listServedCustomersPage, SERVED_CUSTOMERS_PAGE_SIZE } from './queries';
import { purchaseAccounts } from '@/db/schema';
import { eq } from 'drizzle-orm';

let db: DB;

beforeEach(async () => {
  db = createTestDb();
  await loadFixtures(db);
  setDb(db);
});

describe('listServedCustomers', () => {
  it('lists the customers a partner is partner of record for, with the accounts it serves', () => {
    expect(listServedCustomers(viewerOf(db, U.northPartner))).toEqual([
      { number: C.alpha, legalName: 'Alpha Équipements Ltée', accountCount: 2 },
      { number: C.beta, legalName: 'Beta Industries SA', accountCount: 1 },
    ]);
    expect(listServedCustomers(viewerOf(db, U.southPartner)).map((c) => [c.number, c.accountCount])).toEqual([
      [C.alpha, 1],
      [C.beta, 1],
    ]);
  });

  it('is empty for customer users', () => {
    expect(listServedCustomers(viewerOf(db, U.alphaAdmin))).toEqual([]);
    expect(listServedCustomers(viewerOf(db, U.betaViewer))).toEqual([]);
  });
});

describe('listServedCustomersPage', () => {
  it('pages a partner’s customers by name with their total; a page past the end shows the last', () => {
    // Thirty more customers served by north, one account each.
    const north = db.select({ partnerId: purchaseAccounts.partnerId, agreementId: purchaseAccounts.agreementId }).from(purchaseAccounts).where(eq(purchaseAccounts.number, '6000011')).get()!;
    for (let index = 0; index < 30; index++) {
      const customerId = Number(db.$client.prepare("insert into customers (number, legal_name, legal_name_search) values (?, ?, '')").run(`30000${String(index).padStart(2, '0')}`, `Zeta ${String(index).padStart(2, '0')}`).lastInsertRowid);
      db.$client
        .prepare("insert into purchase_accounts (number, name, name_search, city, country, location_search, customer_id, agreement_id, partner_id) values (?, 'Z', '', 'X', 'CA', '', ?, ?, ?)")
        .run(`70000${String(index).padStart(2, '0')}`, customerId, north.agreementId, north.partnerId);
    }
    const viewer = viewerOf(db, U.northPartner);
    const first = listServedCustomersPage(viewer, 1);
    expect(first).toMatchObject({ total: 32, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(SERVED_CUSTOMERS_PAGE_SIZE);
    expect(first.rows[0]!.number).toBe(C.alpha);
    const last = listServedCustomersPage(viewer, 9);
    expect(last.page).toBe(2);
    expect([...first.rows, ...last.rows].map((row) => row.number)).toEqual(listServedCustomers(viewer).map((row) => row.number));
    expect(listServedCustomersPage(viewerOf(db, U.alphaAdmin), 1)).toEqual({ rows: [], total: 0, page: 1, pages: 1 });
  });
});
