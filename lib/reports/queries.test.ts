/**
 * The unpaid online services reconciliation against a migrated database with
 * two customers and two partners: only positive gaps, each filter, totals,
 * the drop-downs, and what each viewer must not see.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB, Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import { unpaidQuantity } from '@/lib/inventory/rules';
import { createTestDb, onPostgres } from '@/tests/helpers/db';
import {
  FIXTURE_ACCOUNTS as A,
  FIXTURE_AGREEMENTS,
  FIXTURE_CUSTOMERS as C,
  FIXTURE_ORDERS,
  FIXTURE_PRODUCTS as P,
  FIXTURE_TODAY,
  FIXTURE_USERS as U,
  fastPasswordHash,
  fixtureDocument,
} from '@/tests/helpers/fixtures';
import { planOf, preparedBy } from '@/tests/helpers/query-plans';
import { viewerOf } from '@/tests/helpers/viewers';
import { listReportSuggestions, listUnpaidServices, parseReportParams, REPORT_PAGE_SIZE, REPORT_SUGGESTION_LIMIT, type UnpaidServicesReport } from './queries';

const EXO = 'FX-EXO-P1';
const SECOND_AGREEMENT = '8000003';
/** An online service only beta holds (fully ordered, so it never shows in a report). */
const BETA_ONLY = 'FX-BETA-ONLY';

let db: Db;

/**
 * The fixtures, plus services that make every filter tell something:
 * alphaNorth2 moved to a second agreement of alpha; a second online service;
 * gaps on beta's accounts (which alpha must never see); and lines where
 * available < ordered or available = ordered (never unpaid).
 */
beforeEach(async () => {
  db = await createTestDb();
  const doc = fixtureDocument();
  doc.agreements!.push({ number: SECOND_AGREEMENT, customer: C.alpha, name: 'Select Plus' });
  doc.purchaseAccounts = doc.purchaseAccounts!.map((account) => (account.number === A.alphaNorth2 ? { ...account, agreement: SECOND_AGREEMENT } : account));
  doc.products!.push({ code: EXO, family: 'FX-O365', name: 'Exchange Online (Plan 1)', kind: 'online_service' });
  doc.products!.push({ code: BETA_ONLY, family: 'FX-O365', name: 'Beta Only Online', kind: 'online_service' });
  doc.subscriptions!.push(
    // alpha: 12 to order on alphaNorth2, 3 on alphaNorth; alphaSouth ordered more than provisioned.
    { account: A.alphaNorth2, product: EXO, available: 52, ordered: 40, nextExpiration: '2027-02-01' },
    { account: A.alphaNorth, product: EXO, available: 13, ordered: 10, nextExpiration: '2026-11-19' },
    { account: A.alphaSouth, product: P.o365, edition: 'E3', available: 35, ordered: 40, nextExpiration: '2027-01-10' },
    { account: A.alphaSouth, product: EXO, available: 8, ordered: 8, nextExpiration: '2027-05-01' },
    // beta: 4 on betaNorth, 7 on betaSouth.
    { account: A.betaNorth, product: P.o365, edition: 'E3', available: 24, ordered: 20, nextExpiration: '2027-04-01' },
    { account: A.betaSouth, product: EXO, available: 17, ordered: 10, nextExpiration: '2027-05-01' },
    { account: A.betaNorth, product: BETA_ONLY, available: 5, ordered: 5, nextExpiration: '2027-05-01' },
  );
  await importDocument(db, doc, { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
});

const summary = (report: UnpaidServicesReport | null) => report?.rows.map((row) => `${row.accountNumber} ${row.productCode} ${row.unpaid}`);

describe('listUnpaidServices', () => {
  it('lists only positive gaps, most to order first, with the figures of the inventory rule', async () => {
    const report = (await listUnpaidServices(db, (await viewerOf(db, U.alphaAdmin)), {}))!;
    expect(summary(report)).toEqual([`${A.alphaNorth2} ${EXO} 12`, `${A.alphaNorth} ${P.o365} 5`, `${A.alphaNorth} ${EXO} 3`]);
    for (const row of report.rows) expect(row.unpaid).toBe(unpaidQuantity(row.available, row.ordered));
    // Available < ordered (ordered, not yet provisioned) and available = ordered never appear.
    expect(report.rows.some((row) => row.accountNumber === A.alphaSouth)).toBe(false);
    expect(report.rows.every((row) => row.available > row.ordered)).toBe(true);
  });

  it('gives each row what the page shows and links to', async () => {
    const report = (await listUnpaidServices(db, (await viewerOf(db, U.alphaAdmin)), { product: P.o365 }))!;
    expect(report.rows).toEqual([
      {
        lineId: expect.any(Number),
        productCode: P.o365,
        productName: 'Office 365 E3',
        edition: 'E3',
        accountNumber: A.alphaNorth,
        accountName: 'Alpha Montréal',
        agreementNumber: FIXTURE_AGREEMENTS.alpha,
        available: 25,
        ordered: 20,
        unpaid: 5,
        nextExpiration: '2026-12-10',
      },
    ]);
  });

  it('totals cover every listed row', async () => {
    const report = (await listUnpaidServices(db, (await viewerOf(db, U.alphaAdmin)), {}))!;
    expect(report.totals).toEqual({ available: 52 + 25 + 13, ordered: 40 + 20 + 10, unpaid: 12 + 5 + 3 });
    expect(report).toMatchObject({ total: 3, page: 1, pages: 1 });
  });

  it('filters by account, agreement, product and order, alone and together', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect(summary((await listUnpaidServices(db, admin, { account: A.alphaNorth })))).toEqual([`${A.alphaNorth} ${P.o365} 5`, `${A.alphaNorth} ${EXO} 3`]);
    expect(summary((await listUnpaidServices(db, admin, { agreement: SECOND_AGREEMENT })))).toEqual([`${A.alphaNorth2} ${EXO} 12`]);
    expect(summary((await listUnpaidServices(db, admin, { agreement: FIXTURE_AGREEMENTS.alpha })))).toEqual([`${A.alphaNorth} ${P.o365} 5`, `${A.alphaNorth} ${EXO} 3`]);
    expect(summary((await listUnpaidServices(db, admin, { product: EXO })))).toEqual([`${A.alphaNorth2} ${EXO} 12`, `${A.alphaNorth} ${EXO} 3`]);
    // The order's transactions reference the O365 line only, not the other service of the same account.
    expect(summary((await listUnpaidServices(db, admin, { order: FIXTURE_ORDERS.alphaNorth })))).toEqual([`${A.alphaNorth} ${P.o365} 5`]);
    expect(summary((await listUnpaidServices(db, admin, { account: A.alphaNorth, product: EXO })))).toEqual([`${A.alphaNorth} ${EXO} 3`]);
    expect((await listUnpaidServices(db, admin, { account: A.alphaNorth2, order: FIXTURE_ORDERS.alphaNorth }))?.rows).toEqual([]);
    expect((await listUnpaidServices(db, admin, { product: EXO }))?.totals).toEqual({ available: 65, ordered: 50, unpaid: 15 });
  });

  /** The answer to a filter naming nothing at all. */
  const NOTHING = { rows: [], totals: { available: 0, ordered: 0, unpaid: 0 }, total: 0, page: 1, pages: 1 };

  it('takes what a person types: a partial number, words of a name, any case, with or without accents', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const both = [`${A.alphaNorth} ${P.o365} 5`, `${A.alphaNorth} ${EXO} 3`];
    expect(summary((await listUnpaidServices(db, admin, { account: A.alphaNorth.slice(0, -1) })))).toEqual(summary((await listUnpaidServices(db, admin, {}))));
    for (const typed of ['Alpha Montréal', 'alpha montreal', 'MONTRÉAL', 'mont']) expect(summary((await listUnpaidServices(db, admin, { account: typed }))), typed).toEqual(both);
    for (const typed of [P.o365, P.o365.toLowerCase(), 'Office 365 E3', 'office 365 e3', P.o365.slice(0, 7)]) {
      expect(summary((await listUnpaidServices(db, admin, { product: typed }))), typed).toEqual([`${A.alphaNorth} ${P.o365} 5`]);
    }
    expect(summary((await listUnpaidServices(db, admin, { order: FIXTURE_ORDERS.alphaNorth.slice(0, -1).toLowerCase() })))).toEqual([`${A.alphaNorth} ${P.o365} 5`]);
    expect(summary((await listUnpaidServices(db, admin, { agreement: FIXTURE_AGREEMENTS.alpha.slice(0, -1) })))).toContain(`${A.alphaNorth} ${P.o365} 5`);
    expect((await listUnpaidServices(db, admin, { account: 'Nowhere Ltd' }))).toEqual(NOTHING);
  });

  it("answers another customer's account, agreement or order exactly as one naming nothing (no 404, no oracle)", async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect((await listUnpaidServices(db, admin, { account: A.betaNorth }))).toEqual(NOTHING);
    expect((await listUnpaidServices(db, admin, { account: '9999999' }))).toEqual(NOTHING);
    expect((await listUnpaidServices(db, admin, { agreement: FIXTURE_AGREEMENTS.beta }))).toEqual(NOTHING);
    expect((await listUnpaidServices(db, admin, { order: FIXTURE_ORDERS.betaSouth }))).toEqual(NOTHING);
    expect((await listUnpaidServices(db, admin, { product: 'NO-SUCH-PRODUCT' }))).toEqual(NOTHING);
  });

  it("answers a product code only another customer holds exactly as an unknown one (no oracle)", async () => {
    // Only beta has an online service of BETA_ONLY; alpha asking for it learns nothing.
    expect((await listUnpaidServices(db, (await viewerOf(db, U.betaAdmin)), { product: BETA_ONLY }))?.rows).toEqual([]);
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect((await listUnpaidServices(db, admin, { product: BETA_ONLY }))).toEqual(NOTHING);
    expect((await listUnpaidServices(db, admin, { product: BETA_ONLY }))).toEqual((await listUnpaidServices(db, admin, { product: 'NO-SUCH-PRODUCT' })));
    expect((await listReportSuggestions(db, admin)).products.map((product) => product.code)).not.toContain(BETA_ONLY);
  });

  it("never shows another customer's lines", async () => {
    expect(summary((await listUnpaidServices(db, (await viewerOf(db, U.betaAdmin)), {})))).toEqual([`${A.betaSouth} ${EXO} 7`, `${A.betaNorth} ${P.o365} 4`]);
    const alphaRows = (await listUnpaidServices(db, (await viewerOf(db, U.alphaAdmin)), {}))!.rows;
    expect(alphaRows.some((row) => row.accountNumber.startsWith('600002'))).toBe(false);
  });

  it('an account viewer sees only the granted accounts; the others match nothing', async () => {
    const viewer = (await viewerOf(db, U.alphaViewer));
    expect(summary((await listUnpaidServices(db, viewer, {})))).toEqual([`${A.alphaNorth} ${P.o365} 5`, `${A.alphaNorth} ${EXO} 3`]);
    expect((await listUnpaidServices(db, viewer, { account: A.alphaNorth2 }))).toEqual(NOTHING);
    // The second agreement covers only alphaNorth2, which is not granted.
    expect((await listUnpaidServices(db, viewer, { agreement: SECOND_AGREEMENT }))).toEqual(NOTHING);
  });

  it("a partner sees the served accounts of the chosen customer only, and nothing before choosing", async () => {
    const north = (await viewerOf(db, U.northPartner, C.alpha));
    expect(summary((await listUnpaidServices(db, north, {})))).toEqual([`${A.alphaNorth2} ${EXO} 12`, `${A.alphaNorth} ${P.o365} 5`, `${A.alphaNorth} ${EXO} 3`]);
    expect((await listUnpaidServices(db, north, { account: A.alphaSouth }))).toEqual(NOTHING);
    expect(summary((await listUnpaidServices(db, (await viewerOf(db, U.northPartner, C.beta)), {})))).toEqual([`${A.betaNorth} ${P.o365} 4`]);
    expect((await listUnpaidServices(db, (await viewerOf(db, U.northPartner, C.beta)), { account: A.betaSouth }))).toEqual(NOTHING);
    const south = (await viewerOf(db, U.southPartner, C.alpha));
    expect((await listUnpaidServices(db, south, {}))?.rows).toEqual([]);

    const unchosen = (await viewerOf(db, U.northPartner));
    expect((await listUnpaidServices(db, unchosen, {}))).toMatchObject({ rows: [], total: 0, totals: { available: 0, ordered: 0, unpaid: 0 } });
    expect((await listUnpaidServices(db, unchosen, { account: A.alphaNorth }))).toEqual(NOTHING);
  });
});

describe('listReportSuggestions', () => {
  it("offers only what is in the viewer's scope", async () => {
    const admin = (await listReportSuggestions(db, (await viewerOf(db, U.alphaAdmin))));
    expect(admin.accounts.map((account) => account.number)).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
    expect(admin.agreements.map((agreement) => agreement.number)).toEqual([FIXTURE_AGREEMENTS.alpha, SECOND_AGREEMENT]);
    expect(admin.products.map((product) => product.code)).toEqual([EXO, P.o365]);
    expect(admin.orders.map((order) => order.number)).toEqual([FIXTURE_ORDERS.alphaNorth]);

    const viewer = (await listReportSuggestions(db, (await viewerOf(db, U.alphaViewer))));
    expect(viewer.accounts.map((account) => account.number)).toEqual([A.alphaNorth]);
    expect(viewer.agreements.map((agreement) => agreement.number)).toEqual([FIXTURE_AGREEMENTS.alpha]);

    const south = (await listReportSuggestions(db, (await viewerOf(db, U.southPartner, C.beta))));
    expect(south.accounts.map((account) => account.number)).toEqual([A.betaSouth]);
    expect(south.orders).toEqual([]);
    expect(south.products.map((product) => product.code)).toEqual([EXO, P.o365]);

    expect((await listReportSuggestions(db, (await viewerOf(db, U.northPartner))))).toEqual({ accounts: [], agreements: [], products: [], orders: [] });
  });
});

describe('a report larger than a page', () => {
  /** alpha with 120 more gaps (one per new account) and 30 more orders that touched a service line. */
  beforeEach(async () => {
    const doc = fixtureDocument();
    doc.products!.push({ code: EXO, family: 'FX-O365', name: 'Exchange Online (Plan 1)', kind: 'online_service' });
    for (let index = 0; index < 120; index++) {
      const number = String(7000000 + index);
      doc.purchaseAccounts!.push({ ...doc.purchaseAccounts!.find((account) => account.number === A.alphaNorth)!, number, name: `Alpha ${index}` });
      doc.subscriptions!.push({
        account: number,
        product: EXO,
        available: 10 + (index % 7),
        ordered: 10,
        nextExpiration: '2027-02-01',
        transactions:
          index < 30
            ? [
                { date: '2026-01-01', kind: 'order' as const, availableDelta: 10, orderedDelta: 10, order: `BIG-${index}` },
                { date: '2026-02-01', kind: 'self_provisioning' as const, availableDelta: index % 7 },
              ].filter((transaction) => transaction.availableDelta !== 0)
            : undefined,
      });
      if (index < 30) {
        doc.orders!.push({
          number: `BIG-${index}`,
          date: `2026-01-${String(1 + (index % 28)).padStart(2, '0')}`,
          status: 'completed',
          partner: 'PN',
          account: number,
          items: [{ product: EXO, quantity: 10, termMonths: 12 }],
        });
      }
    }
    db = await createTestDb();
    await importDocument(db, doc, { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
  });

  it('is paged, most to order first, with totals over every page', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const first = (await listUnpaidServices(db, admin, {}, 1))!;
    const all = (await listUnpaidServices(db, admin, {}, 'all'))!;
    expect(first.rows).toHaveLength(REPORT_PAGE_SIZE);
    expect(first.total).toBe(all.rows.length);
    expect(first.pages).toBe(Math.ceil(all.rows.length / REPORT_PAGE_SIZE));
    const pages = await Promise.all(Array.from({ length: first.pages }, (_, index) => listUnpaidServices(db, admin, {}, index + 1)));
    expect(pages.flatMap((page) => page.rows)).toEqual(all.rows);
    for (const page of pages) expect(page.totals).toEqual(all.totals);
    expect(all.totals.unpaid).toBe(all.rows.reduce((sum, row) => sum + row.unpaid, 0));
    // The totals kept on write (unfiltered) are those of the rows, for the customer and for its partners alike.
    for (const viewer of [admin, await viewerOf(db, U.northPartner, '2000001'), await viewerOf(db, U.southPartner, '2000001')]) {
      const every = (await listUnpaidServices(db, viewer, {}, 'all'))!;
      expect(every.totals).toEqual({
        available: every.rows.reduce((sum, row) => sum + row.available, 0),
        ordered: every.rows.reduce((sum, row) => sum + row.ordered, 0),
        unpaid: every.rows.reduce((sum, row) => sum + row.unpaid, 0),
      });
      expect(every.total).toBe(every.rows.length);
    }
    // A page past the end shows the last one.
    expect((await listUnpaidServices(db, admin, {}, 999))!.page).toBe(first.pages);
  });

  it('suggests a bounded number of values for each filter, the latest orders first', async () => {
    const suggestions = (await listReportSuggestions(db, (await viewerOf(db, U.alphaAdmin))));
    expect(suggestions.accounts).toHaveLength(REPORT_SUGGESTION_LIMIT);
    expect(suggestions.orders).toHaveLength(REPORT_SUGGESTION_LIMIT);
    const dates = suggestions.orders.map((order) => order.orderedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(suggestions.orders[0]!.number).toBe(FIXTURE_ORDERS.alphaNorth);
  });
});

describe('parseReportParams', () => {
  it("keeps what was typed, treats '' as all, and drops only what no form sends (an absurd length)", () => {
    expect(parseReportParams({ account: '6000011', order: '', product: 'FX-O365-E3', agreement: ['8000001', 'x'] })).toEqual({
      params: { account: '6000011', product: 'FX-O365-E3', agreement: '8000001' },
      ignored: false,
    });
    // Typed text is text (shown escaped, compared folded): a name, a partial number, punctuation.
    expect(parseReportParams({ account: 'Fabrikam Lyon', product: 'o365-e3', order: '12' })).toEqual({ params: { account: 'Fabrikam Lyon', product: 'o365-e3', order: '12' }, ignored: false });
    expect(parseReportParams({ account: '<script>', customer: '2000001' })).toEqual({ params: { account: '<script>', customer: '2000001' }, ignored: false });
    expect(parseReportParams({ account: 'x'.repeat(101), customer: '2000001' })).toEqual({ params: { customer: '2000001' }, ignored: true });
  });
});

// SQLite's query planner only: PostgreSQL plans by its statistics.
describe.skipIf(onPostgres())('query plans (SQLite)', () => {
  it('the report reads the gaps from their own index, not every line, and its suggestions from the summaries and the customer’s orders index', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const statements = await preparedBy(db as DB, async () => {
      await listUnpaidServices(db, viewer, {});
      await listReportSuggestions(db, viewer);
    });
    const report = statements.filter((sql) => /"inventory_lines"/.test(sql) && /"available_count" > "inventory_lines"."ordered_count"/.test(sql));
    // The page's rows only: the totals are kept on write in the summaries, not summed over every gap.
    expect(report).toHaveLength(1);
    for (const sql of report) expect(planOf(db as DB, sql)).toMatch(/inventory_lines USING INDEX inventory_lines_unpaid_idx/);
    expect(statements.some((sql) => /from "product_summaries"/.test(sql) && /"unpaid_line_count"/.test(sql))).toBe(true);
    const orders = statements.find((sql) => /from "orders"/.test(sql) && /order by/.test(sql))!;
    expect(planOf(db as DB, orders)).toMatch(/orders USING INDEX orders_customer_date_idx/);
    expect(statements.some((sql) => /from "product_summaries"/.test(sql))).toBe(true);
  });

  it("the filters read only each subscription line's own account, agreement, product and transactions, by their keys", async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const statements = await preparedBy(db as DB, async () => (await listUnpaidServices(db, viewer, { account: 'mont', agreement: '8', product: 'office', order: 'fx' })));
    const report = statements.filter((sql) => /"available_count" > "inventory_lines"."ordered_count"/.test(sql));
    expect(report).toHaveLength(2);
    for (const sql of report) {
      const plan = planOf(db as DB, sql);
      // The customer's subscription lines through a partial index of subscriptions, per account: never every line.
      expect(plan).toMatch(/inventory_lines USING INDEX inventory_lines_(unpaid|subscription_expiry)_idx \(purchase_account_id=\?\)/);
      expect(plan).toMatch(/inventory_transactions USING INDEX inventory_transactions_line_idx \(line_id=\?\)/);
      for (const table of ['agreements', 'orders', 'products']) expect(plan).toMatch(new RegExp(`${table}(?: EXISTS)? USING INTEGER PRIMARY KEY`));
      expect(plan).not.toMatch(/SCAN (inventory_lines|orders|products|agreements)\b/);
    }
  });
});
