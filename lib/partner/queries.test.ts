import { beforeEach, describe, expect, it } from 'vitest';
import { foldForSearch } from '@/lib/search/normalize';
import type { DB, Db } from '@/db/client';
import { createTestDb, one, onPostgres, run } from '@/tests/helpers/db';
import { FIXTURE_CUSTOMERS as C, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { planOf, preparedBy } from '@/tests/helpers/query-plans';
import { viewerOf } from '@/tests/helpers/viewers';
import { listServedCustomers, listServedCustomersPage, SERVED_CUSTOMERS_PAGE_SIZE } from './queries';
import { purchaseAccounts } from '@/db/schema';
import { eq } from 'drizzle-orm';

let db: Db;

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
});

describe('listServedCustomers', () => {
  it('lists the customers a partner is partner of record for, with the accounts it serves', async () => {
    expect((await listServedCustomers(db, (await viewerOf(db, U.northPartner))))).toEqual([
      { number: C.alpha, legalName: 'Alpha Équipements Ltée', accountCount: 2 },
      { number: C.beta, legalName: 'Beta Industries SA', accountCount: 1 },
    ]);
    expect((await listServedCustomers(db, (await viewerOf(db, U.southPartner)))).map((c) => [c.number, c.accountCount])).toEqual([
      [C.alpha, 1],
      [C.beta, 1],
    ]);
  });

  it('is empty for customer users', async () => {
    expect((await listServedCustomers(db, (await viewerOf(db, U.alphaAdmin))))).toEqual([]);
    expect((await listServedCustomers(db, (await viewerOf(db, U.betaViewer))))).toEqual([]);
  });
});

describe('listServedCustomersPage', () => {
  it('pages a partner’s customers by name with their total; a page past the end shows the last', async () => {
    // Thirty more customers served by north, one account each.
    const north = (await db.select({ partnerId: purchaseAccounts.partnerId, agreementId: purchaseAccounts.agreementId }).from(purchaseAccounts).where(eq(purchaseAccounts.number, '6000011')).limit(1))[0]!;
    for (let index = 0; index < 30; index++) {
      const name = `Zeta ${String(index).padStart(2, '0')}`;
      // As the import writes them: the legal name and its folded copy, which the searches and the sort read.
      const customerId = (await one<{ id: number }>(db, 'insert into customers (number, legal_name, legal_name_search) values (?, ?, ?) returning id', `30000${String(index).padStart(2, '0')}`, name, foldForSearch(name))).id;
      await run(
        db,
        "insert into purchase_accounts (number, name, name_search, city, country, location_search, customer_id, agreement_id, partner_id) values (?, 'Z', '', 'X', 'CA', '', ?, ?, ?)",
        `70000${String(index).padStart(2, '0')}`,
        customerId,
        north.agreementId,
        north.partnerId,
      );
    }
    const viewer = (await viewerOf(db, U.northPartner));
    const first = (await listServedCustomersPage(db, viewer, { page: 1, today: '2026-11-24' }));
    expect(first).toMatchObject({ total: 32, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(SERVED_CUSTOMERS_PAGE_SIZE);
    expect(first.rows[0]!.number).toBe(C.alpha);
    const last = (await listServedCustomersPage(db, viewer, { page: 9, today: '2026-11-24' }));
    expect(last.page).toBe(2);
    expect([...first.rows, ...last.rows].map((row) => row.number)).toEqual((await listServedCustomers(db, viewer)).map((row) => row.number));
    expect((await listServedCustomersPage(db, (await viewerOf(db, U.alphaAdmin)), { today: '2026-11-24' }))).toEqual({ rows: [], total: 0, page: 1, pages: 1 });
  });
});

describe('the partner’s home', () => {
  const page = async (options: Partial<Parameters<typeof listServedCustomersPage>[2]> = {}, email: string = U.northPartner) =>
    listServedCustomersPage(db, (await viewerOf(db, email)), { today: '2026-11-24', ...options });

  it('counts, on the served accounts only, the online services to order and those expiring within 90 days', async () => {
    // north serves alphaNorth (Office 365: 25 available, 20 ordered, expires 2026-12-10), alphaNorth2 and betaNorth.
    expect((await page()).rows).toEqual([
      { number: C.alpha, legalName: 'Alpha Équipements Ltée', accountCount: 2, unpaidServices: 1, expiringServices: 1 },
      { number: C.beta, legalName: 'Beta Industries SA', accountCount: 1, unpaidServices: 0, expiringServices: 0 },
    ]);
    // south serves betaSouth (Office 365 fully ordered, expires 2027-03-01: 97 days) and alphaSouth (none).
    expect((await page({}, U.southPartner)).rows.map((row) => [row.number, row.unpaidServices, row.expiringServices])).toEqual([
      [C.alpha, 0, 0],
      [C.beta, 0, 0],
    ]);
  });

  it('finds a customer by a word of its name, an agreement number or a served account number, and sorts by where to act', async () => {
    expect((await page({ query: 'beta' })).rows.map((row) => row.number)).toEqual([C.beta]);
    expect((await page({ query: 'industries' })).rows.map((row) => row.number)).toEqual([C.beta]);
    expect((await page({ query: '8000001' })).rows.map((row) => row.number)).toEqual([C.alpha]);
    expect((await page({ query: '600002' })).rows.map((row) => row.number)).toEqual([C.beta]);
    // alphaSouth is not north's: its number finds nothing.
    expect((await page({ query: '6000013' })).total).toBe(0);
    expect((await page({ query: 'zzz' })).total).toBe(0);
    expect((await page({ sort: 'unpaid' })).rows[0]!.number).toBe(C.alpha);
    expect((await page({ sort: 'expiring' })).rows[0]!.number).toBe(C.alpha);
  });
});

// SQLite's query planner only: PostgreSQL plans by its statistics.
describe.skipIf(onPostgres())('query plans (SQLite)', () => {
  it('counts the unpaid and the expiring online services of each served account from their own indexes, never from every line', async () => {
    const viewer = (await viewerOf(db, U.northPartner));
    for (const sort of ['name', 'unpaid', 'expiring'] as const) {
      const statements = (await preparedBy(db as DB, async () => (await listServedCustomersPage(db, viewer, { today: '2026-11-24', sort })))).filter((sql) => /inventory_lines/.test(sql));
      expect(statements, sort).toHaveLength(1);
      const plan = planOf(db as DB, statements[0]!);
      expect(plan, sort).toMatch(/USING (COVERING )?INDEX inventory_lines_unpaid_idx/);
      expect(plan, sort).toMatch(/USING COVERING INDEX inventory_lines_subscription_expiry_idx \(purchase_account_id=\? AND next_expiration<\?\)/);
      expect(plan, sort).not.toMatch(/inventory_lines_account_lines_idx|SCAN (l|inventory_lines)\b/);
    }
  });
});
