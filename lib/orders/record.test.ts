/**
 * Recording and cancelling orders against a migrated database with two
 * customers and two partners: one order and one ledger transaction per item
 * in one database transaction, applied once per key, only on the accounts
 * the partner serves for the customer in view — and the report's gap closes.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { addDays } from '@/lib/clock';
import { importDocument } from '@/lib/import/apply';
import { ledgerDiscrepancies, recordTransaction } from '@/lib/inventory/ledger';
import { getLineHistory } from '@/lib/inventory/queries';
import { listUnpaidServices } from '@/lib/reports/queries';
import { all, createTestDb, one, run } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_ORDERS, FIXTURE_PRODUCTS as P, FIXTURE_TODAY, FIXTURE_USERS as U, fastPasswordHash, fixtureDocument } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { getOrder } from './queries';
import { cancelOrder, lineChoices, mayCancelOrder, nextOrderNumber, orderFormSchema, recordOrder, type OrderForm, type OrderItemForm } from './record';

let db: Db;

beforeEach(async () => {
  db = await createTestDb();
  await importDocument(db, fixtureDocument(), { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
});

const key = () => randomBytes(16).toString('hex');
const options = { today: FIXTURE_TODAY, now: () => 1_700_000_000_000, resultPath: ({ number }: { number: string }) => `/orders/${number}` };
const item = (overrides: Partial<OrderItemForm> = {}): OrderItemForm => ({ product: P.o365, edition: '', version: '', usage: '', quantity: 5, sa: false, term: 12, ...overrides });
const form = (overrides: Partial<OrderForm> = {}): OrderForm => ({ key: key(), account: A.alphaNorth, po: 'PO-2026-900', items: [item()], ...overrides });
const north = async () => (await viewerOf(db, U.northPartner, C.alpha));

const subscription = (account: string, product: string) =>
  one<{ id: number; available: number; ordered: number; nextExpiration: string | null }>(
    db,
    `select l.id, l.available_count as available, l.ordered_count as ordered, l.next_expiration as "nextExpiration"
       from inventory_lines l join products p on p.id = l.product_id join purchase_accounts a on a.id = l.purchase_account_id
      where l.kind = 'subscription' and a.number = ? and p.code = ?`,
    account,
    product,
  );
const licences = (account: string, product: string, edition: string) =>
  one<{ id: number; licences: number; sa: number } | undefined>(
    db,
    `select l.id, l.license_count as licences, l.sa_count as sa from inventory_lines l join products p on p.id = l.product_id
       join purchase_accounts a on a.id = l.purchase_account_id where l.kind = 'license' and a.number = ? and p.code = ? and l.edition = ? and l.package_id is null`,
    account,
    product,
    edition,
  );
const count = async (table: string) => (await one<{ n: number }>(db, `select count(*) as n from ${table}`)).n;
const recorded = <T extends { kind: string }>(outcome: T) => {
  if (outcome.kind !== 'recorded') throw new Error(`expected a recorded order, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { kind: 'recorded' }>;
};

describe('recordOrder', () => {
  it('creates the order and its items and writes one dated order transaction per item through the ledger; the gap closes', async () => {
    const partner = (await north());
    expect((await listUnpaidServices(db, (await viewerOf(db, U.alphaAdmin)), {}))!.rows.map((row) => row.unpaid)).toEqual([5]);
    const o365 = (await subscription(A.alphaNorth, P.o365));
    const outcome = recorded(
      (await recordOrder(
        db,
        partner,
        form({ items: [item({ quantity: 5 }), item({ product: P.office, edition: 'Professionnel Plus', version: '2021', usage: 'Par appareil', quantity: 3, sa: true })] }),
        { ...options, address: '192.0.2.9' },
      )),
    );
    expect(outcome.number).toBe('PN-000001');

    // Online service: ordered +5 → 25, available already 25; the expiration moves to today + 12 months (later than 2026-12-10).
    expect((await subscription(A.alphaNorth, P.o365))).toEqual({ ...o365, ordered: 25, available: 25, nextExpiration: '2027-11-24' });
    // Licence: +3 licences, +3 SA on the existing position.
    expect((await licences(A.alphaNorth, P.office, 'Professionnel Plus'))).toMatchObject({ licences: 38, sa: 13 });
    expect((await ledgerDiscrepancies(db))).toEqual([]);
    expect((await listUnpaidServices(db, (await viewerOf(db, U.alphaAdmin)), {}))!.rows).toEqual([]);

    const transactions = await all(
      db,
      'select kind, occurred_on, license_delta, sa_delta, available_delta, ordered_delta, author_user_id, expiration_before, expiration_after from inventory_transactions where order_id = ? order by id',
      outcome.orderId,
    );
    expect(transactions).toEqual([
      { kind: 'order', occurred_on: FIXTURE_TODAY, license_delta: 0, sa_delta: 0, available_delta: 0, ordered_delta: 5, author_user_id: partner.userId, expiration_before: '2026-12-10', expiration_after: '2027-11-24' },
      { kind: 'order', occurred_on: FIXTURE_TODAY, license_delta: 3, sa_delta: 3, available_delta: 0, ordered_delta: 0, author_user_id: partner.userId, expiration_before: null, expiration_after: null },
    ]);

    // The customer sees it in their order history, with the PO number and the items.
    const order = (await getOrder(db, (await viewerOf(db, U.alphaAdmin)), outcome.number))!;
    expect(order.header).toMatchObject({ number: 'PN-000001', orderedOn: FIXTURE_TODAY, status: 'completed', partnerName: 'Partenaire Nord', accountNumber: A.alphaNorth, customerPoNumber: 'PO-2026-900' });
    expect(order.items.map((i) => [i.productName, i.quantity, i.withSoftwareAssurance, i.termMonths])).toEqual([
      ['Office 365 E3', 5, false, 12],
      ['Office Professionnel Plus', 3, true, null],
    ]);
    // Filed under the customer and the partner.
    expect((await all(db, 'select action, user_id, entity_id, details, customer_id is not null as c, partner_id is not null as p, address from audit_log'))).toEqual([
      { action: 'order_recorded', user_id: partner.userId, entity_id: 'PN-000001', details: JSON.stringify({ account: A.alphaNorth, po: 'PO-2026-900', items: 2 }), c: 1, p: 1, address: '192.0.2.9' },
    ]);
  });

  it('raises available subscriptions to at least the ordered ones, and keeps a later expiration', async () => {
    await run(db, "update inventory_lines set next_expiration = '2028-01-01' where id = ?", (await subscription(A.alphaNorth, P.o365)).id);
    recorded((await recordOrder(db, (await north()), form({ items: [item({ quantity: 30, term: 1 })] }), options)));
    expect((await subscription(A.alphaNorth, P.o365))).toMatchObject({ ordered: 50, available: 50, nextExpiration: '2028-01-01' });
    expect((await ledgerDiscrepancies(db))).toEqual([]);
  });

  it('creates the line an account does not hold yet, its counts coming from the order', async () => {
    recorded((await recordOrder(db, (await north()), form({ account: A.alphaNorth2, items: [item({ quantity: 4, term: 6 }), item({ product: P.winServer, edition: 'Datacenter', version: '2025', usage: 'Par cœur', quantity: 16 })] }), options)));
    expect((await subscription(A.alphaNorth2, P.o365))).toMatchObject({ ordered: 4, available: 4, nextExpiration: '2027-05-24' });
    expect((await licences(A.alphaNorth2, P.winServer, 'Datacenter'))).toMatchObject({ licences: 16, sa: 0 });
    const line = (await licences(A.alphaNorth2, P.winServer, 'Datacenter'))!;
    expect((await getLineHistory(db, (await viewerOf(db, U.alphaAdmin)), line.id))!.entries.map((t) => [t.kind, t.licenseDelta])).toEqual([['order', 16]]);
    expect((await ledgerDiscrepancies(db))).toEqual([]);
  });

  it('is applied once per key: a second post writes nothing and leads where the first one did', async () => {
    const first = form();
    recorded((await recordOrder(db, (await north()), first, options)));
    const counts = [(await count('orders')), (await count('order_items')), (await count('inventory_transactions')), (await count('audit_log'))];
    expect((await recordOrder(db, (await north()), first, options))).toEqual({ kind: 'repeat', result: '/orders/PN-000001' });
    expect([(await count('orders')), (await count('order_items')), (await count('inventory_transactions')), (await count('audit_log'))]).toEqual(counts);
    expect((await subscription(A.alphaNorth, P.o365)).ordered).toBe(25);
    // Another person's key is not theirs to replay.
    expect((await recordOrder(db, (await viewerOf(db, U.southPartner, C.alpha)), { ...first, account: A.alphaSouth }, options))).toEqual({ kind: 'not-found' });
  });

  it('numbers orders in sequence per partner, past numbers already taken', async () => {
    expect(recorded((await recordOrder(db, (await north()), form(), options))).number).toBe('PN-000001');
    expect(recorded((await recordOrder(db, (await north()), form(), options))).number).toBe('PN-000002');
    await run(db, "update orders set number = 'PN-000099' where number = 'PN-000002'");
    expect((await nextOrderNumber(db, 'PN'))).toBe('PN-000100');
    expect(recorded((await recordOrder(db, (await viewerOf(db, U.southPartner, C.alpha)), form({ account: A.alphaSouth }), options))).number).toBe('PS-000001');
  });

  it('answers not found, writing nothing, outside the accounts the partner serves for the customer in view, and for anyone but a partner', async () => {
    const before = [(await count('orders')), (await count('inventory_transactions')), (await count('idempotency_keys'))];
    expect((await recordOrder(db, (await north()), form({ account: A.alphaSouth }), options))).toEqual({ kind: 'not-found' }); // alpha's, another partner's
    expect((await recordOrder(db, (await north()), form({ account: A.betaNorth }), options))).toEqual({ kind: 'not-found' }); // served, but another customer
    expect((await recordOrder(db, (await north()), form({ account: '6999999' }), options))).toEqual({ kind: 'not-found' });
    expect((await recordOrder(db, (await viewerOf(db, U.northPartner)), form(), options))).toEqual({ kind: 'not-found' }); // no customer chosen
    expect((await recordOrder(db, (await viewerOf(db, U.alphaAdmin)), form(), options))).toEqual({ kind: 'not-found' });
    expect((await recordOrder(db, (await viewerOf(db, U.alphaViewer)), form(), options))).toEqual({ kind: 'not-found' });
    expect([(await count('orders')), (await count('inventory_transactions')), (await count('idempotency_keys'))]).toEqual(before);
  });

  it('returns what to correct beside each item, writes nothing, and keeps the key for the corrected form', async () => {
    const typo = form({ items: [item({ product: 'office pro' }), item({ sa: true, edition: 'E5' }), item({ product: 'NOPE-404' })] });
    const outcome = (await recordOrder(db, (await north()), typo, options));
    expect(outcome).toEqual({
      kind: 'invalid',
      errors: {},
      itemErrors: {
        0: { product: { message: 'productSuggestions', values: { suggestions: `${P.office} (Office Professionnel Plus)` } } },
        1: { sa: { message: 'saLicencesOnly' }, edition: { message: 'licencesOnly' } },
        2: { product: { message: 'productUnknown' } },
      },
    });
    expect([(await count('orders')), (await count('idempotency_keys'))]).toEqual([2, 0]);
    // Corrected, with the same key: recorded. A product is found by its code in any case, or its exact name.
    const corrected = { ...typo, items: [item({ product: P.office.toLowerCase(), edition: 'Professionnel Plus', version: '2021', usage: 'Par appareil', quantity: 1 }), item(), item({ product: 'Office Professionnel Plus', edition: 'Professionnel Plus', version: '2021', usage: 'Par appareil', quantity: 1 })] };
    recorded((await recordOrder(db, (await north()), corrected, options)));
    expect((await licences(A.alphaNorth, P.office, 'Professionnel Plus'))).toMatchObject({ licences: 37 });
  });

  it('validates the form: required fields, whole quantities in range, terms of 1 to 60 months, 1 to 50 items', () => {
    const raw = (overrides: Record<string, unknown>) => ({ key: key(), account: A.alphaNorth, po: 'PO', items: [{ product: P.o365, edition: '', version: '', usage: '', quantity: '5', sa: false, term: '12' }], ...overrides });
    const messages = (value: unknown) => {
      const parsed = orderFormSchema.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`);
    };
    expect(messages(raw({}))).toEqual([]);
    expect(messages(raw({ po: ' ', account: '' }))).toEqual(['account:accountRequired', 'po:poRequired']);
    expect(messages(raw({ items: [] }))).toEqual(['items:itemsRequired']);
    const bad = (quantity: string, term: string) => messages(raw({ items: [{ product: P.o365, edition: '', version: '', usage: '', quantity, sa: false, term }] }));
    expect(bad('', '12')).toEqual(['items.0.quantity:quantityRequired']);
    expect(bad('2.5', '12')).toEqual(['items.0.quantity:whole']);
    expect(bad('0', '0')).toEqual(['items.0.quantity:quantityRange', 'items.0.term:termRange']);
    expect(bad('1000001', '61')).toEqual(['items.0.quantity:quantityRange', 'items.0.term:termRange']);
    expect(messages(raw({ items: Array.from({ length: 51 }, () => ({ product: P.o365, edition: '', version: '', usage: '', quantity: '1', sa: false, term: '12' })) }))).toEqual(['items:itemsTooMany']);
    // Resource usage is a fixed vocabulary: its name in either language, or its code; nothing else.
    const usage = (typed: string) => messages(raw({ items: [{ product: P.office, edition: '', version: '', usage: typed, quantity: '1', sa: false, term: '12' }] }));
    for (const typed of ['', 'Par appareil', 'per device', 'PAR COEUR', 'per_user']) expect(usage(typed), typed).toEqual([]);
    expect(usage('Par licence')).toEqual(['items.0.usage:usageUnknown']);
  });

  it('stores the resource usage typed in either language as its code, on the line of the edition typed in either language', async () => {
    await importBilingualEdition();
    recorded((await recordOrder(db, (await north()), form({ items: [item({ product: P.office, edition: 'Professional Plus', version: '2021', usage: 'Per device', quantity: 2 })] }), options)));
    // The existing line (Professionnel Plus, 2021, per device) took the order: no new line.
    expect((await licences(A.alphaNorth, P.office, 'Professionnel Plus'))).toMatchObject({ licences: 37 });
    expect((await one(db, "select resource_usage as usage from order_items where order_id = (select max(id) from orders)"))).toEqual({ usage: 'per_device' });
  });
});

/** The Office line's edition gets its English form, as a bilingual import gives it. */
async function importBilingualEdition() {
  await run(db, "update inventory_lines set edition_en = 'Professional Plus' where edition = 'Professionnel Plus'");
}

describe('recordOrder with prices, a currency and its parties', () => {
  it('stores the currency, bill-to and ship-to, each unit price in minor units, and keeps the total on write', async () => {
    const outcome = recorded(
      (await recordOrder(
        db,
        (await north()),
        form({
          currency: 'CAD',
          billToName: ' Alpha Équipements Ltée ',
          billToAddress: '1 rue Principale\nMontréal QC',
          shipToName: 'Alpha Montréal',
          shipToAddress: '',
          items: [item({ quantity: 3, price: '27,60' }), item({ product: P.office, edition: 'Professionnel Plus', version: '2021', usage: 'Par appareil', quantity: 7, price: '0.29' }), item({ product: P.office, edition: 'Professionnel Plus', version: '2021', usage: 'Par appareil', quantity: 2 })],
        }),
        options,
      )),
    );
    const order = (await one(db, 'select currency, bill_to_name, bill_to_address, ship_to_name, ship_to_address, total_minor from orders where id = ?', outcome.orderId));
    // 3 × 27.60 + 7 × 0.29 = 82.80 + 2.03 = 84.83, the third item without a price; exact (7 * 0.29 is 2.0299999999999998 in floating point).
    expect(order).toEqual({ currency: 'CAD', bill_to_name: 'Alpha Équipements Ltée', bill_to_address: '1 rue Principale\nMontréal QC', ship_to_name: 'Alpha Montréal', ship_to_address: null, total_minor: 8483 });
    expect((await all<{ price: number | null }>(db, 'select unit_price_minor as price from order_items where order_id = ? order by position', outcome.orderId)).map((row) => row.price)).toEqual([2760, 29, null]);

    // The order's page reads what was written: no re-summing of its items.
    await run(db, 'update orders set total_minor = 1 where id = ?', outcome.orderId);
    const page = (await getOrder(db, (await viewerOf(db, U.alphaAdmin)), outcome.number))!;
    expect(page.information).toMatchObject({ currency: 'CAD', billToName: 'Alpha Équipements Ltée', shipToAddress: null, totalMinor: 1 });
    expect(page.items.map((row) => row.unitPriceMinor)).toEqual([2760, 29, null]);
  });

  it('records no total when no item has a price, and no currency when none is given', async () => {
    const outcome = recorded((await recordOrder(db, (await north()), form(), options)));
    expect((await one(db, 'select currency, bill_to_name, total_minor from orders where id = ?', outcome.orderId))).toEqual({ currency: null, bill_to_name: null, total_minor: null });
  });

  it('validates the currency, the prices in the currency’s digits, and the parties’ lengths', () => {
    const raw = (overrides: Record<string, unknown>, price?: string) => ({
      key: key(),
      account: A.alphaNorth,
      po: 'PO',
      currency: 'EUR',
      items: [{ product: P.o365, edition: '', version: '', usage: '', quantity: '5', sa: false, term: '12', price }],
      ...overrides,
    });
    const messages = (value: unknown) => {
      const parsed = orderFormSchema.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`);
    };
    expect(messages(raw({}))).toEqual([]);
    expect(messages(raw({}, '1 234,56'))).toEqual([]);
    expect(messages(raw({ currency: 'JPY' }))).toEqual(['currency:currencyUnknown']);
    expect(messages(raw({ currency: 'eur' }))).toEqual(['currency:currencyUnknown']);
    expect(messages(raw({}, 'douze'))).toEqual(['items.0.price:priceFormat']);
    expect(messages(raw({}, '12.345'))).toEqual(['items.0.price:priceDecimals']);
    expect(messages(raw({}, '1000000.01'))).toEqual(['items.0.price:priceRange']);
    expect(messages(raw({ billToName: 'x'.repeat(201), shipToAddress: 'x'.repeat(1001) }))).toEqual(['billToName:tooLong', 'shipToAddress:tooLong']);
    expect(messages(raw({ billToName: 'x'.repeat(200), shipToAddress: 'x'.repeat(1000) }))).toEqual([]);
  });

  it('keeps the imported orders’ totals on write, and after an import changes their prices', async () => {
    const total = async () => (await one<{ total: number | null }>(db, 'select total_minor as total from orders where number = ?', FIXTURE_ORDERS.alphaNorth)).total;
    expect(await total()).toBe(512_500);
    const document = fixtureDocument();
    document.orders![0]!.items[1]!.unitPrice = 27.6;
    await importDocument(db, document, { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY });
    // 10 × 512.50 + 20 × 27.60.
    expect(await total()).toBe(512_500 + 55_200);
  });
});

describe('lineChoices', () => {
  it('offers the editions, versions and resource usages a licence already has in the accounts in view, by code or name', async () => {
    // Office on Alpha's North account (2021); Beta's 2019 line is another customer's and is not offered.
    expect((await lineChoices(db, (await north()), P.office, 'fr'))).toEqual({ edition: ['Professionnel Plus'], version: ['2021'], usage: ['Par appareil'] });
    expect((await lineChoices(db, (await north()), 'office professionnel plus', 'fr'))).toEqual({ edition: ['Professionnel Plus'], version: ['2021'], usage: ['Par appareil'] });
    // A line the partner recorded becomes a choice too, sorted with the others.
    recorded((await recordOrder(db, (await north()), form({ items: [item({ product: P.office, edition: 'Professionnel Plus', version: '2019', usage: 'Par utilisateur', quantity: 1 })] }), options)));
    expect((await lineChoices(db, (await north()), P.office, 'fr'))).toEqual({ edition: ['Professionnel Plus'], version: ['2019', '2021'], usage: ['Par appareil', 'Par utilisateur'] });
  });

  it('offers them in the reader\'s language: the edition\'s English form and the usage\'s English name', async () => {
    await importBilingualEdition();
    expect((await lineChoices(db, (await north()), P.office, 'en'))).toEqual({ edition: ['Professional Plus'], version: ['2021'], usage: ['Per device'] });
    expect((await lineChoices(db, (await north()), P.office, 'fr'))).toEqual({ edition: ['Professionnel Plus'], version: ['2021'], usage: ['Par appareil'] });
  });

  it('offers nothing of accounts served by another partner, nothing for an online service or an unknown product', async () => {
    // Windows Server is held on Alpha's South account only (another partner of record).
    expect((await lineChoices(db, (await north()), P.winServer, 'fr'))).toEqual({ edition: [], version: [], usage: [] });
    expect((await lineChoices(db, (await viewerOf(db, U.southPartner, C.alpha)), P.winServer, 'fr'))).toEqual({ edition: ['Standard'], version: ['2019'], usage: ['Par cœur'] });
    expect((await lineChoices(db, (await north()), P.o365, 'fr'))).toBeNull();
    expect((await lineChoices(db, (await north()), 'no such product', 'fr'))).toBeNull();
    expect((await lineChoices(db, (await north()), '  ', 'fr'))).toBeNull();
  });
});

describe('cancelOrder', () => {
  const cancel = async (viewer?: Awaited<ReturnType<typeof north>>, number = 'PN-000001', today = FIXTURE_TODAY) => cancelOrder(db, viewer ?? (await north()), { key: key(), number }, { ...options, today });

  it('reverses every effect with dated cancellation transactions, puts the expiration back and marks the order cancelled', async () => {
    const before = { o365: (await subscription(A.alphaNorth, P.o365)), office: (await licences(A.alphaNorth, P.office, 'Professionnel Plus')) };
    recorded((await recordOrder(db, (await north()), form({ items: [item({ quantity: 8 }), item({ product: P.office, edition: 'Professionnel Plus', version: '2021', usage: 'Par appareil', quantity: 2, sa: true })] }), options)));
    expect((await mayCancelOrder(db, (await north()), 'PN-000001', addDays(FIXTURE_TODAY, 14)))).toBe(true);
    expect((await cancel((await north()), 'PN-000001', addDays(FIXTURE_TODAY, 3)))).toEqual({ kind: 'cancelled', number: 'PN-000001' });

    expect((await subscription(A.alphaNorth, P.o365))).toEqual(before.o365);
    expect((await licences(A.alphaNorth, P.office, 'Professionnel Plus'))).toEqual(before.office);
    expect((await ledgerDiscrepancies(db))).toEqual([]);
    // History keeps both: the order and its cancellation, on the cancellation's date.
    const history = (await getLineHistory(db, (await viewerOf(db, U.alphaAdmin)), before.o365.id))!.entries.map((t) => [t.kind, t.occurredOn, t.availableDelta, t.orderedDelta]);
    expect(history.slice(-2)).toEqual([
      ['order', FIXTURE_TODAY, 3, 8],
      ['cancellation', addDays(FIXTURE_TODAY, 3), -3, -8],
    ]);
    // The expiration the order moved, and moved back, is in the history too.
    const moves = (await getLineHistory(db, (await viewerOf(db, U.alphaAdmin)), before.o365.id))!.entries.slice(-2).map((t) => [t.expirationBefore, t.expirationAfter]);
    expect(moves).toEqual([
      ['2026-12-10', '2027-11-24'],
      ['2027-11-24', '2026-12-10'],
    ]);
    expect((await getOrder(db, (await viewerOf(db, U.alphaAdmin)), 'PN-000001'))!.header.status).toBe('cancelled');
    expect((await one(db, "select cancelled_on from orders where number = 'PN-000001'"))).toEqual({ cancelled_on: addDays(FIXTURE_TODAY, 3) });
    expect((await all(db, "select action, entity_id from audit_log where action = 'order_cancelled'"))).toEqual([{ action: 'order_cancelled', entity_id: 'PN-000001' }]);
    // Once: cancelled already.
    expect((await cancel())).toEqual({ kind: 'refused', message: 'alreadyCancelled' });
    expect((await mayCancelOrder(db, (await north()), 'PN-000001', FIXTURE_TODAY))).toBe(false);
  });

  it('is applied once per key', async () => {
    recorded((await recordOrder(db, (await north()), form(), options)));
    const once = { key: key(), number: 'PN-000001' };
    expect((await cancelOrder(db, (await north()), once, options))).toEqual({ kind: 'cancelled', number: 'PN-000001' });
    const transactions = (await count('inventory_transactions'));
    expect((await cancelOrder(db, (await north()), once, options))).toEqual({ kind: 'repeat', result: '/orders/PN-000001' });
    expect((await count('inventory_transactions'))).toBe(transactions);
  });

  it('refuses after 14 days, and when a count fell since below what the order added', async () => {
    recorded((await recordOrder(db, (await north()), form({ items: [item({ product: P.vs, edition: 'Professional', quantity: 2 })], account: A.alphaNorth2 }), options)));
    expect((await cancel((await north()), 'PN-000001', addDays(FIXTURE_TODAY, 15)))).toEqual({ kind: 'refused', message: 'tooLate', values: { date: addDays(FIXTURE_TODAY, 14) } });
    expect((await mayCancelOrder(db, (await north()), 'PN-000001', addDays(FIXTURE_TODAY, 15)))).toBe(false);
    const line = (await licences(A.alphaNorth2, P.vs, 'Professional'))!;
    await recordTransaction(db, { lineId: line.id, occurredOn: FIXTURE_TODAY, kind: 'adjustment', licenseDelta: -4 });
    const transactions = (await count('inventory_transactions'));
    expect((await cancel())).toEqual({ kind: 'refused', message: 'cannotReverse' });
    expect((await count('inventory_transactions'))).toBe(transactions);
    expect((await getOrder(db, (await north()), 'PN-000001'))!.header.status).toBe('completed');
  });

  it('answers not found for an imported order, another partner’s, another customer’s, and anyone but a partner', async () => {
    recorded((await recordOrder(db, (await north()), form(), options)));
    expect((await cancel((await north()), FIXTURE_ORDERS.alphaNorth))).toEqual({ kind: 'not-found' });
    expect((await cancel((await viewerOf(db, U.southPartner, C.alpha))))).toEqual({ kind: 'not-found' });
    expect((await cancel((await viewerOf(db, U.northPartner, C.beta))))).toEqual({ kind: 'not-found' });
    expect((await cancel((await viewerOf(db, U.alphaAdmin))))).toEqual({ kind: 'not-found' });
    expect((await getOrder(db, (await north()), 'PN-000001'))!.header.status).toBe('completed');
  });
});
