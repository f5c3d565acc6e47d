/**
 * Setting up, reducing and switching off online services against a migrated
 * database with two customers and two partners: one ledger transaction each,
 * applied once per key, customer administrators only, never outside the
 * grants, never below what is ordered — and the inventory, the history and
 * the report move together.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import { ledgerDiscrepancies } from '@/lib/inventory/ledger';
import { getLineHistory } from '@/lib/inventory/queries';
import { listUnpaidServices } from '@/lib/reports/queries';
import { all, createTestDb, one } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_PRODUCTS as P, FIXTURE_TODAY, FIXTURE_USERS as U, fastPasswordHash, fixtureDocument } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import {
  MAX_SELF_PROVISIONED_QUANTITY,
  reduceSelfProvisioning,
  SELF_PROVISIONED_TERM_DAYS,
  setUpFormSchema,
  setUpOnlineService,
  type SetUpForm,
  type WriteOutcome,
} from './provisioning';
import { getProvisioningReceipt, listAccountChoices, searchServiceCatalogue } from './queries';

const EXO = 'FX-EXO-P1';
const TEAMS = 'FX-TEAMS';
let db: Db;

beforeEach(async () => {
  db = await createTestDb();
  const doc = fixtureDocument();
  doc.products!.push(
    { code: EXO, family: 'FX-O365', name: 'Exchange Online (Plan 1)', kind: 'online_service' },
    { code: TEAMS, family: 'FX-O365', name: 'Microsoft Teams Essentials', kind: 'online_service' },
  );
  await importDocument(db, doc, { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
});

const key = () => randomBytes(16).toString('hex');
const options = { today: FIXTURE_TODAY, now: () => 1_700_000_000_000, resultPath: ({ transactionId }: { transactionId: number }) => `/receipt/${transactionId}` };
const form = (overrides: Partial<SetUpForm> = {}): SetUpForm => ({ key: key(), product: P.o365, account: A.alphaNorth, quantity: 3, ...overrides });

function lineOf(account: string, product: string) {
  return one<{ id: number; available: number; ordered: number; nextExpiration: string | null } | undefined>(
    db,
    `select l.id, l.available_count as available, l.ordered_count as ordered, l.next_expiration as "nextExpiration"
       from inventory_lines l join products p on p.id = l.product_id join purchase_accounts a on a.id = l.purchase_account_id
      where l.kind = 'subscription' and a.number = ? and p.code = ?`,
    account,
    product,
  );
}
const transactionCount = async () => (await one<{ n: number }>(db, 'select count(*) as n from inventory_transactions')).n;
const keyCount = async () => (await one<{ n: number }>(db, 'select count(*) as n from idempotency_keys')).n;
const recorded = (outcome: WriteOutcome) => {
  if (outcome.kind !== 'recorded') throw new Error(`expected a recorded write, got ${JSON.stringify(outcome)}`);
  return outcome;
};

describe('setUpOnlineService', () => {
  it('raises the available count of the existing line through a dated self_provisioning transaction by its author, never the ordered count', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const before = (await lineOf(A.alphaNorth, P.o365))!;
    const outcome = recorded((await setUpOnlineService(db, admin, form({ quantity: 7 }), { ...options, address: '192.0.2.7' })));
    const after = (await lineOf(A.alphaNorth, P.o365))!;
    expect(outcome.lineId).toBe(before.id);
    expect(after).toEqual({ ...before, available: before.available + 7 });
    const transaction = await one(db, 'select kind, occurred_on, available_delta, ordered_delta, author_user_id from inventory_transactions where id = ?', outcome.transactionId);
    expect(transaction).toEqual({ kind: 'self_provisioning', occurred_on: FIXTURE_TODAY, available_delta: 7, ordered_delta: 0, author_user_id: admin.userId });
    expect(await one(db, "select data_updated_at from customers where number = '2000001'")).toEqual({ data_updated_at: options.now() });
    expect((await ledgerDiscrepancies(db))).toEqual([]);
    // Written to the customer's audit log, by whom, from where.
    expect(await all(db, 'select action, user_id, entity, entity_id, details, customer_id, address from audit_log')).toEqual([
      {
        action: 'self_provisioning',
        user_id: admin.userId,
        entity: 'inventory_line',
        entity_id: String(before.id),
        details: JSON.stringify({ account: A.alphaNorth, product: P.o365, change: 7 }),
        customer_id: admin.customer!.id,
        address: '192.0.2.7',
      },
    ]);
  });

  it('creates the subscription line when the account has none, expiring after the self-provisioning term', async () => {
    expect(await lineOf(A.alphaNorth2, EXO)).toBeUndefined();
    const outcome = recorded((await setUpOnlineService(db, (await viewerOf(db, U.alphaAdmin)), form({ product: EXO, account: A.alphaNorth2, quantity: 4 }), options)));
    expect(await lineOf(A.alphaNorth2, EXO)).toEqual({ id: outcome.lineId, available: 4, ordered: 0, nextExpiration: '2026-12-24' });
    expect(SELF_PROVISIONED_TERM_DAYS).toBe(30);
    expect((await ledgerDiscrepancies(db))).toEqual([]);
  });

  it('is applied once per key: a repeat is sent where the first submission led and writes nothing', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const submission = form({ quantity: 2 });
    const first = recorded((await setUpOnlineService(db, admin, submission, options)));
    const transactions = await transactionCount();
    const available = (await lineOf(A.alphaNorth, P.o365))!.available;
    for (let i = 0; i < 3; i++) {
      expect((await setUpOnlineService(db, admin, { ...submission, quantity: 9 }, options))).toEqual({ kind: 'repeat', result: `/receipt/${first.transactionId}` });
    }
    expect(await transactionCount()).toBe(transactions);
    expect((await lineOf(A.alphaNorth, P.o365))!.available).toBe(available);
    // A new key is a new set-up.
    recorded((await setUpOnlineService(db, admin, form({ quantity: 2 }), options)));
    expect((await lineOf(A.alphaNorth, P.o365))!.available).toBe(available + 2);
  });

  it('answers not found, writing nothing, for another person’s key', async () => {
    const submission = form();
    recorded((await setUpOnlineService(db, (await viewerOf(db, U.alphaAdmin)), submission, options)));
    const transactions = await transactionCount();
    expect((await setUpOnlineService(db, (await viewerOf(db, U.betaAdmin)), { ...submission, account: A.betaSouth }, options))).toEqual({ kind: 'not-found' });
    expect(await transactionCount()).toBe(transactions);
  });

  it('is for customer administrators only: account viewers and partner users are answered not found and nothing is written', async () => {
    const transactions = await transactionCount();
    for (const viewer of await Promise.all([viewerOf(db, U.alphaViewer), viewerOf(db, U.northPartner, '2000001'), viewerOf(db, U.northPartner)])) {
      expect((await setUpOnlineService(db, viewer, form(), options))).toEqual({ kind: 'not-found' });
    }
    expect(await transactionCount()).toBe(transactions);
    expect(await keyCount()).toBe(0);
    expect(await one(db, 'select count(*) as n from audit_log')).toEqual({ n: 0 });
  });

  it('answers not found for an account outside the grants, as for one that does not exist, and writes nothing', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const before = await lineOf(A.betaSouth, P.o365);
    for (const account of [A.betaSouth, A.betaNorth, '9999999']) {
      expect((await setUpOnlineService(db, admin, form({ account }), options))).toEqual({ kind: 'not-found' });
    }
    expect(await lineOf(A.betaSouth, P.o365)).toEqual(before);
    expect(await lineOf(A.betaNorth, P.o365)).toBeUndefined();
    expect(await keyCount()).toBe(0);
  });

  it('refuses a product that is not an online service of the catalogue, beside the field', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    for (const product of [P.office, P.vs, 'NO-SUCH-CODE']) {
      expect((await setUpOnlineService(db, admin, form({ product }), options))).toEqual({ kind: 'invalid', field: 'product', message: 'productUnknown' });
    }
    expect(await keyCount()).toBe(0);
  });
});

describe('setUpFormSchema', () => {
  const parse = (quantity: string) => setUpFormSchema.safeParse({ key: key(), product: P.o365, account: A.alphaNorth, quantity });
  const message = (quantity: string) => {
    const result = parse(quantity);
    return result.success ? null : result.error.issues[0]!.message;
  };

  it('takes a whole number from 1 to 100,000', () => {
    expect(parse('1').data?.quantity).toBe(1);
    expect(parse(' 42 ').data?.quantity).toBe(42);
    expect(parse(String(MAX_SELF_PROVISIONED_QUANTITY)).data?.quantity).toBe(100_000);
  });

  it('names what is wrong with anything else', () => {
    expect(message('')).toBe('quantityRequired');
    expect(message('0')).toBe('quantityRange');
    expect(message('100001')).toBe('quantityRange');
    for (const typed of ['1.5', '-3', 'abc', '1e3', '10 000', '9999999999']) expect(message(typed)).toBe('quantityWhole');
  });

  it('refuses a missing or malformed key', () => {
    expect(setUpFormSchema.safeParse({ key: 'x', product: P.o365, account: A.alphaNorth, quantity: '1' }).success).toBe(false);
  });
});

describe('reduceSelfProvisioning', () => {
  const reduce = async (overrides: { line?: number; intent?: 'reduce' | 'switch-off'; available?: string; key?: string } = {}, email: string = U.alphaAdmin) =>
    reduceSelfProvisioning(db, (await viewerOf(db, email)), { key: key(), line: (await lineOf(A.alphaNorth, P.o365))!.id, intent: 'reduce', ...overrides }, options);

  it('reduces the available count, recorded as a self_provisioning transaction, and never below what is ordered', async () => {
    // The fixture line: 25 available, 20 ordered.
    expect((await reduce({ available: '19' }))).toEqual({ kind: 'invalid', field: 'available', message: 'belowOrdered', values: { ordered: 20 } });
    expect((await reduce({ available: '25' }))).toEqual({ kind: 'invalid', field: 'available', message: 'notAReduction', values: { available: 25 } });
    expect((await reduce({ available: 'deux' }))).toEqual({ kind: 'invalid', field: 'available', message: 'quantityWhole' });
    expect((await reduce({ available: '' }))).toEqual({ kind: 'invalid', field: 'available', message: 'quantityRequired' });
    const outcome = recorded((await reduce({ available: '22' })));
    expect(await lineOf(A.alphaNorth, P.o365)).toMatchObject({ available: 22, ordered: 20 });
    expect(await one(db, 'select kind, available_delta, ordered_delta from inventory_transactions where id = ?', outcome.transactionId)).toEqual({
      kind: 'self_provisioning',
      available_delta: -3,
      ordered_delta: 0,
    });
    expect((await ledgerDiscrepancies(db))).toEqual([]);
  });

  it('switches off what is not ordered, then has nothing left to reduce', async () => {
    recorded((await reduce({ intent: 'switch-off' })));
    expect(await lineOf(A.alphaNorth, P.o365)).toMatchObject({ available: 20, ordered: 20 });
    expect((await reduce({ intent: 'switch-off' }))).toEqual({ kind: 'invalid', field: 'available', message: 'nothingToReduce', values: { ordered: 20 } });
  });

  it('answers not found for a line outside the grants, a licence position, or a viewer who may not', async () => {
    const betaLine = (await lineOf(A.betaSouth, P.o365))!.id;
    const licence = (await one<{ id: number }>(db, "select id from inventory_lines where kind = 'license' limit 1")).id;
    const transactions = await transactionCount();
    expect((await reduce({ line: betaLine, intent: 'switch-off' }))).toEqual({ kind: 'not-found' });
    expect((await reduce({ line: licence, intent: 'switch-off' }))).toEqual({ kind: 'not-found' });
    expect((await reduce({ intent: 'switch-off' }, U.alphaViewer))).toEqual({ kind: 'not-found' });
    expect(await transactionCount()).toBe(transactions);
  });

  it('is applied once per key', async () => {
    const submission = { key: key(), intent: 'reduce' as const, available: '24' };
    const first = recorded((await reduce(submission)));
    expect((await reduce({ ...submission, available: '21' }))).toEqual({ kind: 'repeat', result: `/receipt/${first.transactionId}` });
    expect((await lineOf(A.alphaNorth, P.o365))!.available).toBe(24);
  });
});

describe('after a self-provisioning, every view moves together', () => {
  it('the report, the line, its history and the receipt show the same figures', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const gap = async (account: string) => (await listUnpaidServices(db, admin, { account, product: EXO }))!;
    // Before: alpha holds no Exchange Online anywhere, so the report finds nothing (as for any unknown code).
    expect((await listUnpaidServices(db, admin, { account: A.alphaNorth2, product: EXO }))).toEqual((await listUnpaidServices(db, admin, { account: A.alphaNorth2, product: 'NO-SUCH-PRODUCT' })));
    expect((await gap(A.alphaNorth2)).rows).toEqual([]);
    const setUp = recorded((await setUpOnlineService(db, admin, form({ product: EXO, account: A.alphaNorth2, quantity: 6 }), options)));
    expect((await gap(A.alphaNorth2)).rows.map((row) => [row.lineId, row.available, row.ordered, row.unpaid])).toEqual([[setUp.lineId, 6, 0, 6]]);
    const reduced = recorded((await reduceSelfProvisioning(db, admin, { key: key(), line: setUp.lineId, intent: 'reduce', available: '2' }, options)));
    expect((await gap(A.alphaNorth2)).totals).toEqual({ available: 2, ordered: 0, unpaid: 2 });
    const history = (await getLineHistory(db, admin, setUp.lineId))!;
    expect(history.entries.map((entry) => [entry.kind, entry.availableDelta, entry.authorName, entry.running.availableCount])).toEqual([
      ['self_provisioning', 6, 'Alice Admin', 6],
      ['self_provisioning', -4, 'Alice Admin', 2],
    ]);
    expect((await getProvisioningReceipt(db, admin, reduced.transactionId))).toMatchObject({ change: -4, available: 2, ordered: 0, accountNumber: A.alphaNorth2, productCode: EXO });
  });
});

describe('the reads of the set-up flow', () => {
  it('offers only online services of the catalogue, searchable by word prefix or code, keeping the chosen one', async () => {
    expect((await searchServiceCatalogue(db, undefined)).choices.map((choice) => choice.code)).toEqual([EXO, TEAMS, P.o365]);
    expect((await searchServiceCatalogue(db, 'exch')).choices.map((choice) => choice.code)).toEqual([EXO]);
    expect((await searchServiceCatalogue(db, 'fx-teams')).choices.map((choice) => choice.code)).toEqual([TEAMS]);
    expect((await searchServiceCatalogue(db, 'office pro')).total).toBe(0); // a licence product is never offered
    expect((await searchServiceCatalogue(db, 'exch', TEAMS)).choices.map((choice) => choice.code)).toEqual([TEAMS, EXO]);
    expect((await searchServiceCatalogue(db, 'exch', P.office)).selected).toBeNull();
  });

  it('lists the viewer’s own accounts only', async () => {
    expect((await listAccountChoices(db, (await viewerOf(db, U.alphaAdmin))))!.map((account) => account.number)).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
  });

  it('shows a receipt to its customer only', async () => {
    const setUp = recorded((await setUpOnlineService(db, (await viewerOf(db, U.alphaAdmin)), form(), options)));
    expect((await getProvisioningReceipt(db, (await viewerOf(db, U.alphaAdmin)), setUp.transactionId))).toMatchObject({ change: 3, partner: { name: expect.any(String) } });
    expect((await getProvisioningReceipt(db, (await viewerOf(db, U.betaAdmin)), setUp.transactionId))).toBeNull();
  });
});
