/**
 * What expires soon, against a migrated database: the inventory's 90-day
 * window (the past included), soonest first, within the viewer's scope; and
 * the subscriptions expiring per month over the next twelve months.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_TODAY, FIXTURE_USERS as U, fastPasswordHash, fixtureDocument } from '@/tests/helpers/fixtures';
import { accountIdOf, viewerOf } from '@/tests/helpers/viewers';
import { expirationsByMonth, listExpiring } from './expiring';

const EXO = 'FX-EXO-P1';
let db: Db;

beforeEach(async () => {
  db = await createTestDb();
  const doc = fixtureDocument();
  doc.products!.push({ code: EXO, family: 'FX-O365', name: 'Exchange Online (Plan 1)', kind: 'online_service' });
  doc.subscriptions!.push(
    { account: A.alphaSouth, product: EXO, available: 8, ordered: 8, nextExpiration: '2026-11-20' }, // expired 4 days ago
    { account: A.alphaNorth2, product: EXO, available: 3, ordered: 3, nextExpiration: '2027-02-22' }, // 90 days: in
    { account: A.alphaNorth, product: EXO, available: 6, ordered: 6, nextExpiration: '2027-02-23' }, // 91 days: out
  );
  // The fixture's alphaNorth Office 365 E3 (25 available) expires on 2026-12-10; betaSouth's on 2027-03-01.
  await importDocument(db, doc, { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
});

const rows = async (email: string, accounts: 'all' | { accountId: number } = 'all') =>
  (await listExpiring(db, (await viewerOf(db, email)), { accounts, today: FIXTURE_TODAY, page: 1 })).lines.map((line) => `${line.accountNumber} ${line.nextExpiration}`);

describe('listExpiring', () => {
  it('lists what expires within 90 days or has expired, soonest first, not one day more', async () => {
    expect((await rows(U.alphaAdmin))).toEqual([`${A.alphaSouth} 2026-11-20`, `${A.alphaNorth} 2026-12-10`, `${A.alphaNorth2} 2027-02-22`]);
  });

  it('keeps to the account in view and the viewer’s scope', async () => {
    expect((await rows(U.alphaAdmin, { accountId: (await accountIdOf(db, A.alphaNorth)) }))).toEqual([`${A.alphaNorth} 2026-12-10`]);
    expect((await rows(U.alphaViewer))).toEqual([`${A.alphaNorth} 2026-12-10`]);
    expect((await rows(U.betaAdmin))).toEqual([]);
  });
});

describe('expirationsByMonth', () => {
  it('gives twelve months from this one, with the subscriptions expiring in each', async () => {
    const months = (await expirationsByMonth(db, (await viewerOf(db, U.alphaAdmin)), { accounts: 'all', today: FIXTURE_TODAY }));
    expect(months.map((month) => month.month)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10']);
    expect(months.find((month) => month.month === '2026-11')).toEqual({ month: '2026-11', subscriptions: 8, lines: 1 });
    expect(months.find((month) => month.month === '2026-12')).toEqual({ month: '2026-12', subscriptions: 25, lines: 1 });
    expect(months.find((month) => month.month === '2027-02')).toEqual({ month: '2027-02', subscriptions: 9, lines: 2 });
    expect((await expirationsByMonth(db, (await viewerOf(db, U.betaAdmin)), { accounts: 'all', today: FIXTURE_TODAY })).find((month) => month.month === '2027-03')?.subscriptions).toBe(10);
  });
});
