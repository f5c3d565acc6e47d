/**
 * The order history's figures kept on write never disagree with
 * the orders: after an import (first, with a new order, an account moved to
 * another customer, orders pruned) and a partner's order; the history reads
 * the customer's orders newest first from its index; and a write around the
 * write paths shows.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB, Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import { createTestDb, one, onPostgres, run } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_ORDERS as O, FIXTURE_PRODUCTS as P, FIXTURE_TODAY, FIXTURE_USERS as U, fastPasswordHash, fixtureDocument } from '@/tests/helpers/fixtures';
import { planOf, preparedBy } from '@/tests/helpers/query-plans';
import { viewerOf } from '@/tests/helpers/viewers';
import { orderFigureDiscrepancies } from './figures';
import { listOrders } from './queries';
import { recordOrder } from './record';

let db: Db;
const options = { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY };
const totalOf = async (account: string) => (await one<{ total: number }>(db, 'select total_minor as total from orders where purchase_account_id = (select id from purchase_accounts where number = ?)', account)).total;
const orderCount = async (account: string) => (await one<{ n: number }>(db, 'select order_count as n from purchase_accounts where number = ?', account)).n;

beforeEach(async () => {
  db = await createTestDb();
  await importDocument(db, fixtureDocument(), options);
});

describe('order figures', () => {
  it('are written by an import and follow its changes: a new order, an account moved to another customer, orders pruned', async () => {
    expect((await orderFigureDiscrepancies(db))).toEqual([]);
    expect(await orderCount(A.alphaNorth)).toBe(1);
    const doc = fixtureDocument();
    doc.orders!.push({ ...doc.orders![0]!, number: 'FX-ORD-1003', account: A.alphaNorth2, date: '2026-11-01' });
    doc.purchaseAccounts!.find((a) => a.number === A.betaSouth)!.customer = C.alpha;
    doc.purchaseAccounts!.find((a) => a.number === A.betaSouth)!.agreement = doc.agreements![0]!.number;
    // (Beta's viewer, granted that account, keeps Beta's other one.)
    (doc.users!.find((u) => u.email === U.betaViewer)!.grants[0] as { accounts: string[] }).accounts = [A.betaNorth];
    await importDocument(db, doc, options);
    expect((await orderFigureDiscrepancies(db))).toEqual([]);
    expect(await orderCount(A.alphaNorth2)).toBe(1);
    expect(await totalOf(A.alphaNorth2)).toBe(512_500);
    expect((await listOrders(db, (await viewerOf(db, U.alphaAdmin)), { accounts: 'all', page: 1 })).orders.map((o) => o.number)).toEqual(['FX-ORD-1003', O.betaSouth, O.alphaNorth]);
    expect((await listOrders(db, (await viewerOf(db, U.betaAdmin)), { accounts: 'all', page: 1 })).total).toBe(0);

    // The new order pruned again.
    doc.orders = doc.orders!.filter((o) => o.number !== 'FX-ORD-1003');
    await importDocument(db, doc, { ...options, prune: true });
    expect(await orderCount(A.alphaNorth2)).toBe(0);
    expect((await orderFigureDiscrepancies(db))).toEqual([]);
  });

  it('follow a partner’s order', async () => {
    await recordOrder(db, (await viewerOf(db, U.northPartner, C.alpha)), { key: randomBytes(16).toString('hex'), account: A.alphaNorth2, po: 'PO', currency: 'CAD', items: [{ product: P.o365, edition: '', version: '', usage: '', quantity: 3, sa: false, term: 12, price: '9.99' }] }, { today: FIXTURE_TODAY, resultPath: () => '/' });
    expect((await orderFigureDiscrepancies(db))).toEqual([]);
    expect(await orderCount(A.alphaNorth2)).toBe(1);
    expect(await totalOf(A.alphaNorth2)).toBe(2997);
    expect((await listOrders(db, (await viewerOf(db, U.alphaAdmin)), { accounts: 'all', page: 1 })).total).toBe(2);
  });

  // SQLite's query planner and driver only: PostgreSQL plans by its statistics. (The statements are the same on
  // both engines, one query code, so that no count over the orders is run is checked here for both.)
  it.skipIf(onPostgres())('give the history newest first from the customer’s index, with no sort of every order', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const statements = await preparedBy(db as DB, async () => (await listOrders(db, viewer, { accounts: 'all', page: 1 })));
    const page = statements.find((sql) => /order by/i.test(sql) && /from "orders"/.test(sql))!;
    const plan = planOf(db as DB, page);
    expect(plan).toMatch(/orders USING INDEX orders_customer_date_idx/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    // The total is the accounts' kept counts: no count over the orders.
    expect(statements.filter((sql) => /select count\(\*\) from "orders"/.test(sql))).toEqual([]);
  });

  it('show a write around the write paths (the check can fail)', async () => {
    await run(db, 'update purchase_accounts set order_count = order_count + 1 where number = ?', A.alphaSouth);
    await run(db, 'update orders set customer_id = null where number = ?', O.alphaNorth);
    await run(db, 'update order_items set unit_price_minor = 1 where unit_price_minor is null and order_id = (select id from orders where number = ?)', O.alphaNorth);
    expect((await orderFigureDiscrepancies(db))).toEqual([`order ${O.alphaNorth}: customer`, `account ${A.alphaSouth}: order count`, `order ${O.alphaNorth}: total`]);
  });
});
