/**
 * Product summaries never disagree with the lines they sum: after
 * every write path — import (first, again with changes, a partner of record
 * changed, pruned), the ledger (transactions appended and removed), the
 * self-provisioning forms and the partner's orders and cancellations — the
 * stored rows equal what the lines add up to; and a write around them shows.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import { setUpOnlineService, reduceSelfProvisioning } from '@/lib/online-services/provisioning';
import { cancelOrder, recordOrder } from '@/lib/orders/record';
import { createTestDb, one, run } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_PARTNERS, FIXTURE_PRODUCTS as P, FIXTURE_TODAY, FIXTURE_USERS as U, fastPasswordHash, fixtureDocument } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { createLedgerWriter, recordTransaction } from './ledger';
import { listAllProductGroups, listProductGroups } from './queries';
import { productSummaryDiscrepancies } from './summaries';

let db: Db;
const options = { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY };
const key = () => randomBytes(16).toString('hex');
const summaryRows = async () => (await one<{ n: number }>(db, 'select count(*) as n from product_summaries')).n;
const lineOf = async (account: string, product: string) =>
  (await one<{ id: number }>(db, 'select l.id from inventory_lines l join purchase_accounts a on a.id = l.purchase_account_id join products p on p.id = l.product_id where a.number = ? and p.code = ? order by l.id', account, product)).id;

beforeEach(async () => {
  db = await createTestDb();
  await importDocument(db, fixtureDocument(), options);
});

describe('product summaries', () => {
  it('are written by the first import: one row per customer, partner of record, product and package', async () => {
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
    // alphaNorth holds the CAL twice (in a package and separately): two rows; every other holding one.
    expect(await summaryRows()).toBe(9);
    const row = await one(
      db,
      `select s.line_count, s.license_count, s.sa_count, s.available_count, s.ordered_count, s.earliest_expiration from product_summaries s
         join products p on p.id = s.product_id join customers c on c.id = s.customer_id where c.number = ? and p.code = ?`,
      C.alpha,
      P.o365,
    );
    expect(row).toEqual({ line_count: 1, license_count: 0, sa_count: 0, available_count: 25, ordered_count: 20, earliest_expiration: '2026-12-10' });
  });

  it('follow an import that changes counts and expirations, moves an account to another partner, adds and prunes lines', async () => {
    const doc = fixtureDocument();
    doc.subscriptions![0]!.available = 30;
    doc.subscriptions![0]!.transactions!.push({ date: FIXTURE_TODAY, kind: 'self_provisioning', availableDelta: 5 });
    doc.subscriptions![1]!.nextExpiration = '2028-01-01';
    doc.purchaseAccounts!.find((a) => a.number === A.alphaNorth2)!.partner = FIXTURE_PARTNERS.south;
    doc.licensePositions!.push({ account: A.alphaSouth, product: P.office, edition: 'Standard', version: '2024', resourceUsage: 'Par appareil', licenseCount: 7, saCount: 0 });
    doc.licensePositions = doc.licensePositions!.filter((p) => !(p.account === A.betaNorth && p.product === P.office));
    await importDocument(db, doc, { ...options, prune: true });
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
    expect((await one(db, `select count(*) as n from product_summaries s join partners p on p.id = s.partner_id where p.code = ?`, FIXTURE_PARTNERS.south))).toEqual({ n: 5 });
  });

  it('follow the ledger: a transaction recorded, written in bulk, removed', async () => {
    await recordTransaction(db, { lineId: await lineOf(A.alphaNorth2, P.vs), occurredOn: FIXTURE_TODAY, kind: 'adjustment', licenseDelta: 4, saDelta: 1 });
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
    const writer = createLedgerWriter(db);
    const id = (await writer.append({ lineId: await lineOf(A.betaSouth, P.winServer), occurredOn: FIXTURE_TODAY, kind: 'adjustment', licenseDelta: -2 }));
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
    await writer.remove(id);
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
  });

  it('follow self-provisioning, on a line that exists and on one it creates, and its reduction', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const write = { today: FIXTURE_TODAY, resultPath: () => '/done' };
    expect((await setUpOnlineService(db, admin, { key: key(), product: P.o365, account: A.alphaNorth2, quantity: 4 }, write)).kind).toBe('recorded');
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
    expect((await setUpOnlineService(db, admin, { key: key(), product: P.o365, account: A.alphaNorth, quantity: 2 }, write)).kind).toBe('recorded');
    expect((await reduceSelfProvisioning(db, admin, { key: key(), line: await lineOf(A.alphaNorth, P.o365), intent: 'switch-off' }, write)).kind).toBe('recorded');
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
  });

  it('follow a partner’s order, on lines that exist and new ones, and its cancellation', async () => {
    const partner = (await viewerOf(db, U.northPartner, C.alpha));
    const write = { today: FIXTURE_TODAY, resultPath: () => '/orders' };
    const items = [
      { product: P.o365, edition: '', version: '', usage: '', quantity: 9, sa: false, term: 12 },
      { product: P.winServer, edition: 'Datacenter', version: '2025', usage: 'Par cœur', quantity: 16, sa: true, term: 12 },
    ];
    const recorded = (await recordOrder(db, partner, { key: key(), account: A.alphaNorth, po: 'PO', items }, write));
    expect(recorded.kind).toBe('recorded');
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
    expect((await cancelOrder(db, partner, { key: key(), number: 'PN-000001' }, write)).kind).toBe('cancelled');
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
  });

  it('give the all-accounts inventory the same product rows as its lines, for an administrator and a partner, with and without packages', async () => {
    await recordOrder(db, (await viewerOf(db, U.northPartner, C.alpha)), { key: key(), account: A.alphaNorth2, po: 'PO', items: [{ product: P.cal, edition: '', version: '', usage: 'Par utilisateur', quantity: 3, sa: false, term: 12 }] }, { today: FIXTURE_TODAY, resultPath: () => '/' });
    for (const viewer of await Promise.all([viewerOf(db, U.alphaAdmin), viewerOf(db, U.betaAdmin), viewerOf(db, U.northPartner, C.alpha), viewerOf(db, U.southPartner, C.beta)])) {
      for (const packages of [false, true]) {
        const fromSummaries = (await listAllProductGroups(db, viewer, { accounts: 'all', packages }));
        expect(fromSummaries.length).toBeGreaterThan(0);
        expect(fromSummaries).toEqual((await listAllProductGroups(db, viewer, { accounts: 'all', packages, source: 'lines' })));
      }
    }
    // Paged the same way too.
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect((await listProductGroups(db, admin, { accounts: 'all' }, 1))).toEqual((await listProductGroups(db, admin, { accounts: 'all', source: 'lines' }, 1)));
  });

  it('follow an import that renames a product and a family, whose lines a search then finds by the new names only', async () => {
    const doc = fixtureDocument();
    doc.products!.find((p) => p.code === P.vs)!.name = 'Visual Studio Enterprise Renommé';
    doc.productFamilies!.find((f) => f.code === 'FX-WINSRV')!.name = 'Serveurs Windows';
    await importDocument(db, doc, options);
    expect((await productSummaryDiscrepancies(db))).toEqual([]);
    const admin = (await viewerOf(db, U.alphaAdmin));
    const names = async (query: string) => (await listProductGroups(db, admin, { accounts: 'all', query }, 1)).groups.map((group) => group.productName);
    expect((await names('renomme'))).toEqual(['Visual Studio Enterprise Renommé']);
    expect((await names('serveurs'))).toEqual(['Windows Server CAL', 'Windows Server Standard']);
    expect((await names('msdn'))).toEqual([]);
  });

  it('show a write around the ledger (the check can fail)', async () => {
    await run(db, 'update inventory_lines set license_count = license_count + 1 where id = ?', await lineOf(A.alphaNorth2, P.vs));
    expect((await productSummaryDiscrepancies(db))).toHaveLength(1);
    await run(db, 'delete from product_summaries where product_id = (select id from products where code = ?)', P.o365);
    expect((await productSummaryDiscrepancies(db))).toHaveLength(3);
  });
});
