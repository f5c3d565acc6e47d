import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { withTransaction } from '@/db/transaction';
import { createTestDb, one, run } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS, FIXTURE_ORDERS, loadFixtures } from '@/tests/helpers/fixtures';
import { createLedgerWriter, ledgerDiscrepancies, LedgerError, recordTransaction } from './ledger';

async function setUp() {
  const db = await createTestDb();
  await loadFixtures(db);
  const lineId = async (kind: 'license' | 'subscription', product: string) =>
    (
      await one<{ id: number }>(
        db,
        `select l.id from inventory_lines l join products p on p.id = l.product_id
          where l.kind = ? and p.code = ? and l.purchase_account_id = (select id from purchase_accounts where number = ?) and l.package_id is null`,
        kind,
        product,
        FIXTURE_ACCOUNTS.alphaNorth,
      )
    ).id;
  return { db, office: await lineId('license', 'FX-OFFICE-PRO'), o365: await lineId('subscription', 'FX-O365-E3') };
}

const line = (db: Db, id: number) =>
  one(db, 'select license_count, sa_count, available_count, ordered_count, updated_at from inventory_lines where id = ?', id);

describe('recordTransaction', () => {
  it('records the transaction and changes the counts with it, and the customer’s dataUpdatedAt', async () => {
    const { db, o365 } = await setUp();
    const orderId = (await one<{ id: number }>(db, 'select id from orders where number = ?', FIXTURE_ORDERS.alphaNorth)).id;
    const result = (await recordTransaction(
      db,
      { lineId: o365, occurredOn: '2026-11-24', kind: 'self_provisioning', availableDelta: 3, authorUserId: null, note: 'Activé' },
      { now: () => 1_234 },
    ));
    expect(result.counts).toEqual({ licenseCount: 0, saCount: 0, availableCount: 28, orderedCount: 20 });
    await recordTransaction(db, { lineId: o365, occurredOn: '2026-11-25', kind: 'order', availableDelta: 0, orderedDelta: 3, orderId }, { now: () => 1_235 });
    expect(await line(db, o365)).toEqual({ license_count: 0, sa_count: 0, available_count: 28, ordered_count: 23, updated_at: 1_235 });
    expect((await one(db, "select data_updated_at from customers where number = '2000001'"))).toEqual({ data_updated_at: 1_235 });
    expect((await ledgerDiscrepancies(db))).toEqual([]);
  });

  it.each([
    ['available on a licence position', 'office', { availableDelta: 1 }, /licence position/],
    ['licences on a subscription', 'o365', { licenseDelta: 1 }, /subscription/],
    ['ordered by a self-provisioning', 'o365', { kind: 'self_provisioning', orderedDelta: 1, availableDelta: 1 }, /self-provisioning/],
    ['a count below zero', 'office', { kind: 'cancellation', licenseDelta: -36 }, /licenseCount would become -1/],
    ['nothing', 'office', {}, /changes nothing/],
    ['a fractional delta', 'office', { licenseDelta: 0.5 }, /whole numbers/],
  ] as const)('refuses %s and writes nothing', async (_what, target, entry, message) => {
    const { db, office, o365 } = await setUp();
    const lineId = target === 'office' ? office : o365;
    const before = await line(db, lineId);
    const count = () => one(db, 'select count(*) as n from inventory_transactions');
    const transactions = await count();
    await expect(recordTransaction(db, { lineId, occurredOn: '2026-11-24', kind: 'adjustment', ...entry })).rejects.toThrow(message);
    await expect(recordTransaction(db, { lineId, occurredOn: '2026-11-24', kind: 'adjustment', ...entry })).rejects.toThrow(LedgerError);
    expect(await line(db, lineId)).toEqual(before);
    expect(await count()).toEqual(transactions);
  });

  it('refuses an unknown line', async () => {
    const { db } = await setUp();
    await expect(recordTransaction(db, { lineId: 99_999, occurredOn: '2026-11-24', kind: 'adjustment', licenseDelta: 1 })).rejects.toThrow(/does not exist/);
  });

  it('joins the caller’s transaction: rolled back with it', async () => {
    const { db, office } = await setUp();
    const before = await line(db, office);
    await expect(
      withTransaction(db, async (tx) => {
        await recordTransaction(tx, { lineId: office, occurredOn: '2026-11-24', kind: 'order', licenseDelta: 5 });
        throw new Error('the order failed later');
      }),
    ).rejects.toThrow('the order failed later');
    expect(await line(db, office)).toEqual(before);
  });
});

describe('ledgerDiscrepancies', () => {
  it('finds a line whose counts were written around the ledger', async () => {
    const { db, office } = await setUp();
    await run(db, 'update inventory_lines set license_count = license_count + 1 where id = ?', office);
    expect((await ledgerDiscrepancies(db))).toEqual([
      {
        lineId: office,
        stored: { licenseCount: 36, saCount: 10, availableCount: 0, orderedCount: 0 },
        sums: { licenseCount: 35, saCount: 10, availableCount: 0, orderedCount: 0 },
      },
    ]);
  });
});

describe('createLedgerWriter', () => {
  it('inserts a line with its transactions, appends and removes, keeping counts equal to sums', async () => {
    const { db, office } = await setUp();
    const ids = await one<{ accountId: number; productId: number }>(db, 'select purchase_account_id as "accountId", product_id as "productId" from inventory_lines where id = ?', office);
    const writer = createLedgerWriter(db, { now: () => 42 });
    const lineId = (await writer.insertLine(
      { kind: 'license', purchaseAccountId: ids.accountId, productId: ids.productId, edition: 'Standard', version: '2024', resourceUsage: '', packageId: null, nextExpiration: null, search: ' standard 2024' },
      [
        { occurredOn: '2026-01-01', kind: 'opening_balance', licenseDelta: 4, saDelta: 1 },
        { occurredOn: '2026-02-01', kind: 'order', licenseDelta: 2 },
      ],
    ));
    expect(await line(db, lineId)).toEqual({ license_count: 6, sa_count: 1, available_count: 0, ordered_count: 0, updated_at: 42 });
    const added = (await writer.append({ lineId, occurredOn: '2026-03-01', kind: 'cancellation', licenseDelta: -1 }));
    expect(await line(db, lineId)).toMatchObject({ license_count: 5 });
    await writer.remove(added);
    expect(await line(db, lineId)).toMatchObject({ license_count: 6, sa_count: 1 });
    expect((await ledgerDiscrepancies(db))).toEqual([]);
  });
});
