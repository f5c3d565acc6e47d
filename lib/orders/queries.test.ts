/**
 * Order history as each kind of viewer sees it, against a migrated database
 * with two customers and two partners: what is seen, what must not be, and
 * the figures of one order.
 */
import { eq } from 'drizzle-orm';
import { foldForSearch } from '@/lib/search/normalize';
import { beforeEach, describe, expect, it } from 'vitest';
import { rebuildOrderFigures } from './figures';
import type { Db } from '@/db/client';
import { orderItems, orders, partners, products, purchaseAccounts } from '@/db/schema';
import { createTestDb, one } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_ORDERS as O, FIXTURE_PARTNERS, FIXTURE_PRODUCTS, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { accountIdOf, viewerOf } from '@/tests/helpers/viewers';
import { getOrder, listOrderItemsForExport, listOrders, ORDERS_PAGE_SIZE } from './queries';

/** An extra order on alpha's Lyon account (partner south): outside the account viewer's grant and the north partner's reach. */
const ALPHA_SOUTH_ORDER = 'FX-ORD-1002';

let db: Db;

async function addOrder(number: string, accountNumber: string, orderedOn: string, customerPoNumber: string | null = null) {
  const account = (await db
    .select({ id: purchaseAccounts.id, agreementId: purchaseAccounts.agreementId, partnerId: purchaseAccounts.partnerId, customerId: purchaseAccounts.customerId })
    .from(purchaseAccounts)
    .where(eq(purchaseAccounts.number, accountNumber))
    .limit(1))[0]!;
  const { id } = (await db
    .insert(orders)
    .values({ number, orderedOn, status: 'submitted', partnerId: account.partnerId, purchaseAccountId: account.id, agreementId: account.agreementId, customerPoNumber, currency: 'JPY', numberSearch: foldForSearch(number), customerPoSearch: foldForSearch(customerPoNumber) })
    .returning({ id: orders.id })
    )[0]!;
  // Written here as an import writes orders: its figures are then rebuilt for the customer (lib/orders/figures.ts).
  await rebuildOrderFigures(db, [account.customerId]);
  return id;
}

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
  const orderId = (await addOrder(ALPHA_SOUTH_ORDER, A.alphaSouth, '2026-11-02', 'PO-LYON-1'));
  const product = (await db.select({ id: products.id }).from(products).where(eq(products.code, FIXTURE_PRODUCTS.winServer)).limit(1))[0]!;
  await db.insert(orderItems).values({ orderId, position: 1, productId: product.id, edition: 'Standard', version: '2022', quantity: 8, unitPriceMinor: 98000 });
});

const numbers = async (email: string, customer?: string, accounts: Parameters<typeof listOrders>[2]['accounts'] = 'all') =>
  (await listOrders(db, (await viewerOf(db, email, customer)), { accounts, page: 1 })).orders.map((order) => order.number);

describe('which orders each viewer sees', () => {
  it('a customer administrator: every order of the customer, newest first, none of another customer', async () => {
    expect((await numbers(U.alphaAdmin))).toEqual([ALPHA_SOUTH_ORDER, O.alphaNorth]);
    expect((await numbers(U.betaAdmin))).toEqual([O.betaSouth]);
    expect((await getOrder(db, (await viewerOf(db, U.alphaAdmin)), O.betaSouth))).toBeNull();
    expect((await getOrder(db, (await viewerOf(db, U.betaAdmin)), O.alphaNorth))).toBeNull();
  });

  it('an account viewer: only the orders of the granted accounts', async () => {
    expect((await numbers(U.alphaViewer))).toEqual([O.alphaNorth]);
    expect((await getOrder(db, (await viewerOf(db, U.alphaViewer)), O.alphaNorth))).not.toBeNull();
    expect((await getOrder(db, (await viewerOf(db, U.alphaViewer)), ALPHA_SOUTH_ORDER))).toBeNull();
    expect((await numbers(U.betaViewer))).toEqual([O.betaSouth]);
  });

  it('a partner user: nothing until a customer is chosen, then only the orders of the accounts it serves', async () => {
    expect((await numbers(U.northPartner))).toEqual([]);
    expect((await getOrder(db, (await viewerOf(db, U.northPartner)), O.alphaNorth))).toBeNull();
    expect((await numbers(U.northPartner, C.alpha))).toEqual([O.alphaNorth]);
    expect((await getOrder(db, (await viewerOf(db, U.northPartner, C.alpha)), ALPHA_SOUTH_ORDER))).toBeNull();
    // Beta's order is south's: the north partner serving beta does not see it.
    expect((await numbers(U.northPartner, C.beta))).toEqual([]);
    expect((await getOrder(db, (await viewerOf(db, U.northPartner, C.beta)), O.betaSouth))).toBeNull();
    expect((await numbers(U.southPartner, C.alpha))).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await numbers(U.southPartner, C.beta))).toEqual([O.betaSouth]);
    // Another customer's order stays out even for a partner that serves it, while that customer is not the one chosen.
    expect((await getOrder(db, (await viewerOf(db, U.southPartner, C.alpha)), O.betaSouth))).toBeNull();
  });

  it('an unknown order number is null, like one out of scope', async () => {
    expect((await getOrder(db, (await viewerOf(db, U.alphaAdmin)), 'FX-ORD-9999'))).toBeNull();
  });
});

describe('the list', () => {
  it('narrows to one account', async () => {
    expect((await numbers(U.alphaAdmin, undefined, { accountId: (await accountIdOf(db, A.alphaNorth)) }))).toEqual([O.alphaNorth]);
    expect((await numbers(U.alphaAdmin, undefined, { accountId: (await accountIdOf(db, A.alphaNorth2)) }))).toEqual([]);
    // An account of another customer given by id still yields nothing: the scope holds.
    expect((await numbers(U.alphaAdmin, undefined, { accountId: (await accountIdOf(db, A.betaSouth)) }))).toEqual([]);
  });

  it('gives each order its columns and item count', async () => {
    const [row] = (await listOrders(db, (await viewerOf(db, U.alphaViewer)), { accounts: 'all', page: 1 })).orders;
    expect(row).toEqual({
      number: O.alphaNorth,
      orderedOn: '2026-09-15',
      status: 'completed',
      partnerName: 'Partenaire Nord',
      accountNumber: A.alphaNorth,
      accountName: 'Alpha Montréal',
      customerPoNumber: 'PO-ALPHA-77',
      itemCount: 2,
    });
  });

  it('pages newest first and clamps the page into range', async () => {
    for (let index = 0; index < ORDERS_PAGE_SIZE + 3; index += 1) await addOrder(`FX-PAGE-${String(index).padStart(3, '0')}`, A.betaNorth, `2025-01-${String((index % 28) + 1).padStart(2, '0')}`);
    const viewer = (await viewerOf(db, U.betaAdmin));
    const first = (await listOrders(db, viewer, { accounts: 'all', page: 1 }));
    expect(first).toMatchObject({ total: ORDERS_PAGE_SIZE + 4, page: 1, pages: 2 });
    expect(first.orders).toHaveLength(ORDERS_PAGE_SIZE);
    expect(first.orders[0]!.number).toBe(O.betaSouth);
    const dates = first.orders.map((order) => order.orderedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const last = (await listOrders(db, viewer, { accounts: 'all', page: 99 }));
    expect(last.page).toBe(2);
    expect(last.orders).toHaveLength(4);
  });
});

describe('one order', () => {
  it('has its header, information and items with figures and prices', async () => {
    const order = (await getOrder(db, (await viewerOf(db, U.alphaAdmin)), O.alphaNorth))!;
    expect(order.header).toEqual({
      number: O.alphaNorth,
      orderedOn: '2026-09-15',
      status: 'completed',
      partnerName: 'Partenaire Nord',
      partnerEmail: 'contact@north.example',
      partnerPhone: '+1 514 555 0100',
      accountNumber: A.alphaNorth,
      accountName: 'Alpha Montréal',
      customerPoNumber: 'PO-ALPHA-77',
      cancelledOn: null,
    });
    expect(order.information).toEqual({
      agreementNumber: '8000001',
      currency: 'CAD',
      fractionDigits: 2,
      billToName: 'Alpha Équipements Ltée',
      billToAddress: '1 rue Principale\nMontréal QC',
      shipToName: 'Alpha Montréal',
      shipToAddress: '1 rue Principale\nMontréal QC',
      // Kept on write by the import: 10 × 512.50 (the other item has no price).
      totalMinor: 512_500,
    });
    expect(order.items).toEqual([
      {
        position: 1,
        productName: 'Office Professionnel Plus',
        edition: 'Professionnel Plus',
        version: '2021',
        resourceUsage: 'per_device',
        quantity: 10,
        withSoftwareAssurance: true,
        termMonths: null,
        unitPriceMinor: 51250,
        unitPrice: 512.5,
        lineId: expect.any(Number),
      },
      {
        position: 2,
        productName: 'Office 365 E3',
        edition: 'E3',
        version: '',
        resourceUsage: '',
        quantity: 20,
        withSoftwareAssurance: false,
        termMonths: 12,
        unitPriceMinor: null,
        unitPrice: null,
        lineId: expect.any(Number),
      },
    ]);
  });

  it('reads prices in the minor unit of the order’s currency (no decimals in yen)', async () => {
    const order = (await getOrder(db, (await viewerOf(db, U.southPartner, C.alpha)), ALPHA_SOUTH_ORDER))!;
    expect(order.information).toMatchObject({ currency: 'JPY', fractionDigits: 0, billToName: null, shipToAddress: null });
    expect(order.items.map((item) => [item.quantity, item.unitPriceMinor, item.unitPrice])).toEqual([[8, 98000, 98000]]);
    expect(order.header.partnerName).toBe((await db.select({ name: partners.name }).from(partners).where(eq(partners.code, FIXTURE_PARTNERS.south)).limit(1))[0]!.name);
  });
});

describe('the search', () => {
  const search = async (params: Parameters<typeof listOrders>[2]['search'], email: string = U.alphaAdmin) =>
    (await listOrders(db, (await viewerOf(db, email)), { accounts: 'all', page: 1, search: params })).orders.map((order) => order.number);

  it('by order number from its start, without case', async () => {
    expect((await search({ number: 'fx-ord-100' }))).toEqual([ALPHA_SOUTH_ORDER, O.alphaNorth]);
    expect((await search({ number: ALPHA_SOUTH_ORDER }))).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await search({ number: 'ORD-1002' }))).toEqual([]);
    // LIKE wildcards are not patterns: folded, they separate words like any punctuation ('F%1002' would match FX-ORD-1002 as a pattern).
    expect((await search({ number: 'F%1002' }))).toEqual([]);
    expect((await search({ number: '_X-ORD' }))).toEqual([]);
    expect((await search({ number: 'FX_ORD%' }))).toEqual([ALPHA_SOUTH_ORDER, O.alphaNorth]);
  });

  it('by customer PO number, anywhere in it, without case', async () => {
    expect((await search({ po: 'lyon' }))).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await search({ po: 'PO-' }))).toEqual([ALPHA_SOUTH_ORDER, O.alphaNorth]);
    expect((await search({ po: 'PO-BETA' }))).toEqual([]);
  });

  it('by customer PO number, with or without accents and in any case (folded by the application)', async () => {
    const summer = (await addOrder('FX-SUMMER-1', A.alphaNorth, '2026-06-01', 'BC-ÉTÉ-2026'));
    expect(summer).toBeGreaterThan(0);
    for (const typed of ['BC-ÉTÉ', 'bc-été', 'BC ETE', 'été-2026', 'ete 20']) expect((await search({ po: typed })), typed).toEqual(['FX-SUMMER-1']);
    expect((await search({ po: 'BC-ÉTA' }))).toEqual([]);
  });

  it('by product code or words of its name', async () => {
    expect((await search({ product: FIXTURE_PRODUCTS.winServer }))).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await search({ product: 'fx-o365-e3' }))).toEqual([O.alphaNorth]);
    expect((await search({ product: 'office 365' }))).toEqual([O.alphaNorth]);
    expect((await search({ product: 'windows serv' }))).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await search({ product: 'visual' }))).toEqual([]);
  });

  it('by date range, both ends included', async () => {
    expect((await search({ from: '2026-11-02' }))).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await search({ to: '2026-11-01' }))).toEqual([O.alphaNorth]);
    expect((await search({ from: '2026-11-02', to: '2026-11-02' }))).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await search({ from: '2026-11-03' }))).toEqual([]);
  });

  it('combines the fields, the account in view and the viewer’s scope', async () => {
    expect((await search({ po: 'PO-', product: 'windows' }))).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await search({ po: 'PO-', product: 'windows', to: '2026-10-31' }))).toEqual([]);
    expect((await listOrders(db, (await viewerOf(db, U.alphaAdmin)), { accounts: { accountId: (await accountIdOf(db, A.alphaNorth)) }, page: 1, search: { po: 'PO-' } })).orders.map((o) => o.number)).toEqual([O.alphaNorth]);
    // Another customer's order never matches, whatever is typed.
    expect((await search({ number: O.betaSouth }))).toEqual([]);
    expect((await search({ po: 'PO-BETA-12' }, U.betaAdmin))).toEqual([O.betaSouth]);
    expect((await search({ po: 'PO-' }, U.alphaViewer))).toEqual([O.alphaNorth]);
  });
});

describe('the export', () => {
  it('has one row per item of the orders the list shows, with the order’s fields', async () => {
    const rows = (await listOrderItemsForExport(db, (await viewerOf(db, U.alphaAdmin)), { accounts: 'all' }));
    expect(rows.map((row) => [row.number, row.position, row.productCode])).toEqual([
      [ALPHA_SOUTH_ORDER, 1, FIXTURE_PRODUCTS.winServer],
      [O.alphaNorth, 1, FIXTURE_PRODUCTS.office],
      [O.alphaNorth, 2, FIXTURE_PRODUCTS.o365],
    ]);
    expect(rows[1]).toMatchObject({ accountNumber: A.alphaNorth, customerPoNumber: 'PO-ALPHA-77', currency: 'CAD', unitPrice: 512.5, withSoftwareAssurance: true });
    // Yen have no minor unit.
    expect(rows[0]).toMatchObject({ unitPrice: 98000, currency: 'JPY' });
    expect((await listOrderItemsForExport(db, (await viewerOf(db, U.alphaAdmin)), { accounts: 'all', search: { product: 'windows' } })).map((row) => row.number)).toEqual([ALPHA_SOUTH_ORDER]);
    expect((await listOrderItemsForExport(db, (await viewerOf(db, U.betaAdmin)), { accounts: 'all' })).every((row) => row.number === O.betaSouth)).toBe(true);
  });
});

describe('an order’s items lead to their inventory lines', () => {
  it('the line the order went to, or none', async () => {
    const order = (await getOrder(db, (await viewerOf(db, U.alphaAdmin)), O.alphaNorth))!;
    const lineOf = async (kind: 'license' | 'subscription', code: string) =>
      (
        await one<{ id: number }>(
          db,
          `select l.id from inventory_lines l join products p on p.id = l.product_id join purchase_accounts a on a.id = l.purchase_account_id
            where l.kind = ? and p.code = ? and a.number = ? and l.package_id is null`,
          kind,
          code,
          A.alphaNorth,
        )
      ).id;
    expect(order.items.map((item) => item.lineId)).toEqual([await lineOf('license', FIXTURE_PRODUCTS.office), await lineOf('subscription', FIXTURE_PRODUCTS.o365)]);
    // alphaSouth holds no Windows Server 2022 position: no line to link to.
    expect((await getOrder(db, (await viewerOf(db, U.alphaAdmin)), ALPHA_SOUTH_ORDER))!.items[0]!.lineId).toBeNull();
  });
});
