import { describe, expect, it } from 'vitest';
import { BATCH_ROWS } from '@/db/batch';
import { withTransaction } from '@/db/transaction';
import { all, createTestDb, one } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS, loadFixtures } from '@/tests/helpers/fixtures';
import { createLedgerBatch, ledgerDiscrepancies, type NewLine } from './ledger';

async function setUp() {
  const db = await createTestDb();
  await loadFixtures(db);
  const office = await one<{ id: number; accountId: number; productId: number }>(
    db,
    `select l.id, l.purchase_account_id as "accountId", l.product_id as "productId" from inventory_lines l join products p on p.id = l.product_id
      where l.kind = 'license' and p.code = 'FX-OFFICE-PRO' and l.purchase_account_id = (select id from purchase_accounts where number = ?) and l.package_id is null`,
    FIXTURE_ACCOUNTS.alphaNorth,
  );
  return { db, office };
}

const counts = (db: Awaited<ReturnType<typeof createTestDb>>, id: number) =>
  one(db, 'select license_count, sa_count, available_count, ordered_count, updated_at from inventory_lines where id = ?', id);

describe('createLedgerBatch', () => {
  it('writes queued lines with their transactions and appended transactions on flush, counts equal to sums, ids in the order queued', async () => {
    const { db, office } = await setUp();
    const before = (await counts(db, office.id)) as { license_count: number; sa_count: number };
    const newLine = (version: string): NewLine => ({
      kind: 'license',
      purchaseAccountId: office.accountId,
      productId: office.productId,
      edition: 'Standard',
      version,
      resourceUsage: '',
      packageId: null,
      nextExpiration: null,
      search: ` standard ${version}`,
    });
    const written: Record<string, number> = {};
    await withTransaction(db, async (tx) => {
      const batch = createLedgerBatch(tx, { now: () => 42 });
      await batch.insertLine(newLine('2030'), [{ occurredOn: '2026-01-01', kind: 'opening_balance', licenseDelta: 4, saDelta: 1 }], (id) => (written['2030'] = id));
      // Two on one stored line: its counts move by their sum.
      await batch.append({ lineId: office.id, occurredOn: '2026-02-01', kind: 'order', licenseDelta: 3 });
      await batch.insertLine(
        newLine('2031'),
        [
          { occurredOn: '2026-01-01', kind: 'opening_balance', licenseDelta: 2 },
          { occurredOn: '2026-03-01', kind: 'order', licenseDelta: 5, note: 'Commande', noteEn: 'Order' },
        ],
        (id) => (written['2031'] = id),
      );
      await batch.append({ lineId: office.id, occurredOn: '2026-04-01', kind: 'cancellation', licenseDelta: -1, saDelta: 2 });
      expect(written).toEqual({});
      await batch.flush();
    });
    expect(written['2031']).toBeGreaterThan(written['2030']!);
    expect(await counts(db, written['2030']!)).toEqual({ license_count: 4, sa_count: 1, available_count: 0, ordered_count: 0, updated_at: 42 });
    expect(await counts(db, written['2031']!)).toEqual({ license_count: 7, sa_count: 0, available_count: 0, ordered_count: 0, updated_at: 42 });
    expect(await counts(db, office.id)).toMatchObject({ license_count: before.license_count + 2, sa_count: before.sa_count + 2, updated_at: 42 });
    const transactions = await all<{ line_id: number; occurred_on: string; note_en: string | null }>(
      db,
      'select line_id, occurred_on, note_en from inventory_transactions where created_at = 42 order by id',
    );
    expect(transactions).toEqual([
      { line_id: written['2030'], occurred_on: '2026-01-01', note_en: null },
      { line_id: office.id, occurred_on: '2026-02-01', note_en: null },
      { line_id: written['2031'], occurred_on: '2026-01-01', note_en: null },
      { line_id: written['2031'], occurred_on: '2026-03-01', note_en: 'Order' },
      { line_id: office.id, occurred_on: '2026-04-01', note_en: null },
    ]);
    expect(await ledgerDiscrepancies(db)).toEqual([]);
  });

  it('writes by itself when the queue is full, so that a large import never holds every row at once', async () => {
    const { db, office } = await setUp();
    let written = 0;
    await withTransaction(db, async (tx) => {
      const batch = createLedgerBatch(tx, { now: () => 7 });
      for (let i = 0; i < BATCH_ROWS; i++) {
        await batch.insertLine(
          { kind: 'license', purchaseAccountId: office.accountId, productId: office.productId, edition: 'Standard', version: `v${i}`, resourceUsage: '', packageId: null, nextExpiration: null, search: '' },
          [{ occurredOn: '2026-01-01', kind: 'opening_balance', licenseDelta: 1 }],
          () => written++,
        );
      }
      expect(written).toBe(BATCH_ROWS);
      await batch.flush();
    });
    expect(await one(db, 'select count(*) as n, sum(license_count) as licences from inventory_lines where updated_at = 7')).toEqual({ n: BATCH_ROWS, licences: BATCH_ROWS });
    expect(await ledgerDiscrepancies(db)).toEqual([]);
  });
});
