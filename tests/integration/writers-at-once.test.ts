/**
 * Many writers at once, then the invariants. On PostgreSQL (several pooled
 * connections, no database-wide write lock) this proves the guards of the
 * places that read, check and write — row locks, advisory locks, keys
 * claimed first, conditional updates; on SQLite the same writers take turns
 * on its one connection and the same invariants hold.
 *
 * Writers: self-provisionings with distinct and repeated keys (one of them
 * creating a line that a partner order creates too), partner orders with
 * repeated keys, two cancellations of one order at once, an import, the last
 * two administrators demoting and deactivating each other, two notices runs,
 * and five servers claiming one day's scheduled run.
 * Invariants: every count equals the sum of its transactions, summaries equal
 * their lines, order figures equal their orders, one provisioning per key,
 * order numbers unique, never zero administrators, no notice announced or
 * sent twice, one scheduled run per day.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import { ledgerDiscrepancies } from '@/lib/inventory/ledger';
import { productSummaryDiscrepancies } from '@/lib/inventory/summaries';
import type { NoticeTransport } from '@/lib/notices/mailer';
import { runNotices } from '@/lib/notices/run';
import { claimScheduledRun } from '@/lib/notices/schedule';
import { setUpOnlineService } from '@/lib/online-services/provisioning';
import { orderFigureDiscrepancies } from '@/lib/orders/figures';
import { cancelOrder, recordOrder, type OrderForm } from '@/lib/orders/record';
import { changeAccess, setPersonActive } from '@/lib/people/manage';
import { all, createTestDb, one } from '@/tests/helpers/db';
import {
  FIXTURE_ACCOUNTS as A,
  FIXTURE_CUSTOMERS as C,
  FIXTURE_PRODUCTS as P,
  FIXTURE_TODAY,
  FIXTURE_USERS as U,
  fastPasswordHash,
  fixtureDocument,
} from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';

const EXO = 'FX-EXO-P1';
const NOW = 1_700_000_000_000;
const key = () => randomBytes(16).toString('hex');

let db: Db;

function documentWithTwoAdministrators() {
  const doc = fixtureDocument();
  doc.products!.push({ code: EXO, family: 'FX-O365', name: 'Exchange Online (Plan 1)', kind: 'online_service' });
  // Alpha's second administrator, active: the two may demote each other at once.
  for (const user of doc.users!) if (user.email === U.inactive) user.active = true;
  return doc;
}

beforeEach(async () => {
  // Enough connections for the writers to really run at once on PostgreSQL.
  db = await createTestDb({ poolSize: 12 });
  await importDocument(db, documentWithTwoAdministrators(), { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
});

const outcomes = <T>(settled: PromiseSettledResult<T>[]): T[] =>
  settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });

describe('writers at once', () => {
  it('keep every count, summary, order number, key and notice right', { timeout: 60_000 }, async () => {
    const admin = await viewerOf(db, U.alphaAdmin);
    const partner = await viewerOf(db, U.northPartner, C.alpha);
    const options = { today: FIXTURE_TODAY, now: () => NOW };

    // Two orders to cancel, recorded before the rush.
    const orderForm = (overrides: Partial<OrderForm> = {}): OrderForm => ({
      key: key(),
      account: A.alphaNorth,
      po: 'PO-AT-ONCE',
      items: [{ product: P.o365, edition: '', version: '', usage: '', quantity: 2, sa: false, term: 12 }],
      ...overrides,
    });
    const orderPath = { resultPath: ({ number }: { number: string }) => `/orders/${number}` };
    const selfProvisioningsBefore = (await one<{ n: number }>(db, "select count(*) as n from inventory_transactions where kind = 'self_provisioning'")).n;
    const toCancel: string[] = [];
    for (let i = 0; i < 2; i++) {
      const outcome = await recordOrder(db, partner, orderForm(), { ...options, ...orderPath });
      if (outcome.kind !== 'recorded') throw new Error(JSON.stringify(outcome));
      toCancel.push(outcome.number);
    }

    // Self-provisioning: 8 keys, each posted twice; half of them on a service no account has a line of yet.
    const provisioningKeys = Array.from({ length: 8 }, key);
    const provisionings = provisioningKeys.flatMap((k, i) =>
      [0, 1].map(() =>
        setUpOnlineService(db, admin, { key: k, product: i % 2 ? EXO : P.o365, account: i % 4 < 2 ? A.alphaNorth : A.alphaNorth2, quantity: 1 + i }, {
          ...options,
          resultPath: ({ transactionId }: { transactionId: number }) => `/receipt/${transactionId}`,
        }),
      ),
    );
    // Partner orders: 6 keys, two of them posted twice; some create the Exchange line the set-ups create too.
    const orderForms = Array.from({ length: 6 }, (_, i) =>
      orderForm({ items: [{ product: i % 2 ? EXO : P.o365, edition: '', version: '', usage: '', quantity: 1, sa: false, term: 12 }] }),
    );
    const orders = [...orderForms, orderForms[0]!, orderForms[1]!].map((form) => recordOrder(db, partner, form, { ...options, ...orderPath }));
    // Each earlier order cancelled by two forms at once.
    const cancellations = toCancel.flatMap((number) => [0, 1].map(() => cancelOrder(db, partner, { key: key(), number }, { ...options, ...orderPath })));
    // The two administrators demote and deactivate each other.
    const second = await viewerOf(db, U.inactive);
    const at = { now: NOW, address: '192.0.2.9' };
    const access = [
      changeAccess(db, admin, second.userId, { role: 'account_viewer', accounts: [A.alphaNorth] }, at),
      changeAccess(db, second, admin.userId, { role: 'account_viewer', accounts: [A.alphaNorth] }, at),
      setPersonActive(db, admin, second.userId, false, at),
      setPersonActive(db, second, admin.userId, false, at),
    ];
    // An import that changes a licence count, at the same time (an incremental file: one position).
    const position = structuredClone(fixtureDocument().licensePositions![0]!);
    position.licenseCount += 1;
    position.transactions = [...(position.transactions ?? []), { date: FIXTURE_TODAY, kind: 'adjustment', licenseDelta: 1, note: 'Compté à nouveau' }];
    const imported = importDocument(db, { version: 1, licensePositions: [position] }, { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
    // Two notices runs, and five servers claiming the day's scheduled run.
    const sent: { to: string; messageId: string }[] = [];
    const transport: NoticeTransport = {
      describe: 'memory',
      send: async (message) => {
        sent.push({ to: message.to, messageId: message.messageId });
      },
      close: () => undefined,
    };
    const notices = [0, 1].map(() =>
      runNotices(db, { today: FIXTURE_TODAY, appUrl: 'https://portal.example', secret: 'test-secret-for-notices-0123456789abcdef', thresholds: [90, 30], from: 'notices@portal.example', transport, now: () => NOW }),
    );
    const claims = Array.from({ length: 5 }, () => claimScheduledRun(db, 'notices', FIXTURE_TODAY, NOW));

    const [provisioned, ordered, cancelled, changedAccess, , noticeRuns, claimed] = await Promise.all([
      Promise.allSettled(provisionings).then(outcomes),
      Promise.allSettled(orders).then(outcomes),
      Promise.allSettled(cancellations).then(outcomes),
      Promise.allSettled(access).then(outcomes),
      imported,
      Promise.all(notices),
      Promise.all(claims),
    ]);

    // One provisioning per key; the second post of a key is a repeat.
    expect(provisioned.filter((outcome) => outcome.kind === 'recorded')).toHaveLength(8);
    expect(provisioned.filter((outcome) => outcome.kind === 'repeat')).toHaveLength(8);
    expect(await one<{ n: number }>(db, "select count(*) as n from inventory_transactions where kind = 'self_provisioning'")).toEqual({ n: selfProvisioningsBefore + 8 });
    // One order per key, numbers unique.
    expect(ordered.filter((outcome) => outcome.kind === 'recorded')).toHaveLength(6);
    expect(ordered.filter((outcome) => outcome.kind === 'repeat')).toHaveLength(2);
    const numbers = await all<{ number: string }>(db, 'select number from orders');
    expect(new Set(numbers.map((row) => row.number)).size).toBe(numbers.length);
    // Each order cancelled once: the other form finds it cancelled.
    expect(cancelled.map((outcome) => outcome.kind).sort()).toEqual(['cancelled', 'cancelled', 'refused', 'refused']);
    expect(await one<{ n: number }>(db, "select count(*) as n from inventory_transactions where kind = 'cancellation'")).toEqual({ n: 2 });
    // One subscription line per account and service, however many writers wanted to create it.
    expect(await all(db, "select purchase_account_id, product_id from inventory_lines where kind = 'subscription' group by purchase_account_id, product_id having count(*) > 1")).toEqual([]);
    // Never zero administrators: at least one change was refused as the last administrator's.
    expect(changedAccess.some((outcome) => outcome.kind === 'invalid')).toBe(true);
    const administrators = await one<{ n: number }>(
      db,
      "select count(*) as n from grants g join users u on u.id = g.user_id join customers c on c.id = g.customer_id where c.number = ? and g.role = 'customer_admin' and u.active = true",
      C.alpha,
    );
    expect(administrators.n).toBeGreaterThanOrEqual(1);
    // No notice announced or sent twice, and every announced notice sent once.
    expect(await all(db, 'select user_id, line_id, threshold from notices_sent group by user_id, line_id, threshold having count(*) > 1')).toEqual([]);
    expect(new Set(sent.map((message) => message.to)).size).toBe(sent.length);
    expect(noticeRuns.reduce((total, run) => total + run.sent, 0)).toBe(sent.length);
    expect(sent.length).toBeGreaterThan(0);
    // One server runs the day's scheduled work.
    expect(claimed.filter(Boolean)).toHaveLength(1);

    // Counts equal the sums of their transactions, summaries their lines, order figures their orders.
    expect(await ledgerDiscrepancies(db)).toEqual([]);
    expect(await productSummaryDiscrepancies(db)).toEqual([]);
    expect(await orderFigureDiscrepancies(db)).toEqual([]);
  });
});
