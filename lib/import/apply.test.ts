import { describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { verifyPassword } from '@/lib/auth/password';
import { ledgerDiscrepancies } from '@/lib/inventory/ledger';
import { all, createTestDb, one, onPostgres, run } from '@/tests/helpers/db';
import {
  fastPasswordHash,
  FIXTURE_ACCOUNTS,
  FIXTURE_ORDERS,
  FIXTURE_PASSWORD,
  FIXTURE_USERS,
  fixtureDocument,
  loadFixtures,
} from '@/tests/helpers/fixtures';
import { importDocument, type ImportDocumentOptions } from './apply';
import { ImportValidationError } from './problems';
import type { ImportDocument } from './schema';

const TODAY = '2026-11-24';
const options = (extra: ImportDocumentOptions = {}): ImportDocumentOptions => ({ passwordHasher: fastPasswordHash, today: TODAY, ...extra });

/**
 * The application's tables, each with what orders its rows as they were
 * stored: SQLite's rowid; on PostgreSQL the primary key (every table has one).
 */
async function tables(db: Db): Promise<{ name: string; order: string }[]> {
  if (!onPostgres()) {
    const names = await all<{ name: string }>(db, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name");
    return names.map(({ name }) => ({ name, order: 'rowid' }));
  }
  return all<{ name: string; order: string }>(
    db,
    `select c.relname as name, string_agg(quote_ident(a.attname), ', ' order by array_position(i.indkey::int2[], a.attnum)) as "order"
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_index i on i.indrelid = c.oid and i.indisprimary
       join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
      where n.nspname = current_schema() and c.relkind = 'r'
      group by c.relname order by c.relname`,
  );
}

/** Every table, every row, in the order they were stored: what "nothing changed" compares. */
async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const { name, order } of await tables(db)) rows[name] = await all(db, `select * from "${name}" order by ${order}`);
  return rows;
}

async function counts(db: Db): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await dump(db)).map(([name, rows]) => [name, rows.length]));
}

/** A trigger that makes every update of a user fail with `message`, in each engine's own trigger language. */
async function failUpdatesOfUsers(db: Db, message: string): Promise<void> {
  if (!onPostgres()) {
    await run(db, `create trigger fail_users before update on users begin select raise(abort, '${message}'); end`);
    return;
  }
  await run(db, `create function fail_users() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`);
  await run(db, 'create trigger fail_users before update on users for each row execute function fail_users()');
}

function clone(doc: ImportDocument): ImportDocument {
  return structuredClone(doc);
}

describe('importDocument', () => {
  it('imports the fixtures, and re-importing the same file changes nothing at all', async () => {
    const db = await createTestDb();
    const first = await loadFixtures(db);
    expect(first.customers.created).toBe(2);
    expect(first.licensePositions.created).toBe(7);
    expect(first.users.created).toBe(7);
    const before = await dump(db);
    const rowCounts = await counts(db);
    // The dump sees the application's tables on either engine.
    expect(rowCounts).toMatchObject({ customers: 2, users: 7, inventory_lines: 9, grant_accounts: 2 });

    // A later clock: any rewritten timestamp would show in the dump.
    const again = await importDocument(db, fixtureDocument(), options({ now: () => Date.parse('2030-01-01T00:00:00Z'), today: '2030-01-01' }));
    expect((await counts(db))).toEqual(rowCounts);
    expect((await dump(db))).toEqual(before);
    for (const [type, summary] of Object.entries(again)) {
      if (type === 'transactions') expect(summary).toEqual({ created: 0, deleted: 0 });
      else expect(summary).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    }
    expect(again.licensePositions.unchanged).toBe(7);
  });

  it('keeps every count equal to the sum of its transactions, with an opening balance for lines given without history', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    expect((await ledgerDiscrepancies(db))).toEqual([]);
    const cal = (await one<{ id: number; license_count: number; sa_count: number }>(
      db,
      `select l.id, l.license_count, l.sa_count from inventory_lines l join purchase_accounts a on a.id = l.purchase_account_id
        join products p on p.id = l.product_id where a.number = ? and p.code = 'FX-WINSRV-CAL' and l.package_id is not null`,
      FIXTURE_ACCOUNTS.alphaNorth,
    ));
    expect(cal).toMatchObject({ license_count: 40, sa_count: 40 });
    expect((await all(db, 'select occurred_on, kind, license_delta, sa_delta, note from inventory_transactions where line_id = ?', cal.id))).toEqual([
      { occurred_on: TODAY, kind: 'opening_balance', license_delta: 40, sa_delta: 40, note: 'import' },
    ]);
    // A given history is stored as given, with its orders.
    const history = await all<{ kind: string; order_number: string | null }>(
      db,
      `select t.kind, o.number as order_number from inventory_transactions t join inventory_lines l on l.id = t.line_id
         join products p on p.id = l.product_id left join orders o on o.id = t.order_id
        where p.code = 'FX-O365-E3' and l.purchase_account_id = (select id from purchase_accounts where number = ?) order by t.id`,
      FIXTURE_ACCOUNTS.alphaNorth,
    );
    expect(history).toEqual([
      { kind: 'order', order_number: 'FX-ORD-1001' },
      { kind: 'self_provisioning', order_number: null },
    ]);
  });

  it('updates changed rows in place, adds new ones, deletes nothing; an adjustment explains a changed count', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    const ids = async (table: string, key: string) =>
      Object.fromEntries((await all<{ id: number; k: string }>(db, `select id, ${key} as k from ${table}`)).map((row) => [row.k, row.id]));
    const accountIdsBefore = await ids('purchase_accounts', 'number');
    const lineCountBefore = (await one<{ n: number }>(db, 'select count(*) as n from inventory_lines')).n;

    const doc = clone(fixtureDocument());
    doc.customers![1]!.legalName = 'Beta Industries Société Anonyme';
    doc.purchaseAccounts![0]!.name = 'Alpha Montréal – Siège social';
    doc.purchaseAccounts![0]!.city = 'Laval';
    // A position given without history: 40 → 45 CAL licences.
    const calSuite = doc.licensePositions!.find((p) => p.package)!;
    calSuite.licenseCount = 45;
    doc.subscriptions![1]!.nextExpiration = '2027-04-01';
    doc.orders![0]!.status = 'cancelled';
    doc.orders![0]!.items = [doc.orders![0]!.items[0]!];
    doc.benefits![0]!.used = 3;
    // Only some entities listed: the others stay.
    doc.customers!.splice(0, 1);
    doc.users = [];
    doc.purchaseAccounts!.push({ number: '6000099', name: 'Alpha Sherbrooke', city: 'Sherbrooke', country: 'CA', customer: '2000001', agreement: '8000001', partner: 'PN' });
    doc.licensePositions!.push({ account: '6000099', product: 'FX-OFFICE-PRO', version: '2024', licenseCount: 2, saCount: 2 });

    const summary = await importDocument(db, doc, options({ now: () => 1_900_000_000_000 }));
    expect(summary.customers).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 0 });
    expect(summary.purchaseAccounts).toEqual({ created: 1, updated: 1, unchanged: 4, deleted: 0 });
    expect(summary.licensePositions).toEqual({ created: 1, updated: 1, unchanged: 6, deleted: 0 });
    expect(summary.subscriptions).toMatchObject({ updated: 1, unchanged: 1 });
    expect(summary.orders).toMatchObject({ updated: 1, unchanged: 1 });
    expect(summary.benefits).toMatchObject({ updated: 1, unchanged: 1 });
    expect(summary.transactions).toEqual({ created: 2, deleted: 0 });

    // Same ids: updated in place; nothing deleted.
    const accountIdsAfter = await ids('purchase_accounts', 'number');
    for (const [number, id] of Object.entries(accountIdsBefore)) expect(accountIdsAfter[number]).toBe(id);
    expect((await one<{ n: number }>(db, 'select count(*) as n from inventory_lines')).n).toBe(lineCountBefore + 1);
    expect((await one<{ n: number }>(db, 'select count(*) as n from users')).n).toBe(7);
    expect((await one<{ n: number }>(db, 'select count(*) as n from customers')).n).toBe(2);

    const account = await one<Record<string, string>>(db, 'select name, name_search, city, location_search from purchase_accounts where number = ?', FIXTURE_ACCOUNTS.alphaNorth);
    expect(account).toEqual({ name: 'Alpha Montréal – Siège social', name_search: ' alpha montreal siege social', city: 'Laval', location_search: ' laval ca' });
    expect((await one<{ legal_name_search: string }>(db, "select legal_name_search from customers where number = '2000002'")).legal_name_search).toBe(
      ' beta industries societe anonyme',
    );
    const line = (await one<{ id: number; license_count: number; updated_at: number }>(
      db,
      `select l.id, l.license_count, l.updated_at from inventory_lines l join products p on p.id = l.product_id
        where p.code = 'FX-WINSRV-CAL' and l.package_id is not null`,
    ));
    expect(line).toMatchObject({ license_count: 45, updated_at: 1_900_000_000_000 });
    expect((await all(db, 'select kind, license_delta, sa_delta, note from inventory_transactions where line_id = ? order by id', line.id))).toEqual([
      { kind: 'opening_balance', license_delta: 40, sa_delta: 40, note: 'import' },
      { kind: 'adjustment', license_delta: 5, sa_delta: 0, note: 'import' },
    ]);
    expect((await one<{ n: number }>(db, "select count(*) as n from order_items where order_id = (select id from orders where number = 'FX-ORD-1001')")).n).toBe(1);
    expect((await ledgerDiscrepancies(db))).toEqual([]);

    // dataUpdatedAt moves for the customers whose data changed (both here), not for others.
    const stamps = await all<{ number: string; data_updated_at: number }>(db, 'select number, data_updated_at from customers order by number');
    expect(stamps.map((s) => s.data_updated_at)).toEqual([1_900_000_000_000, 1_900_000_000_000]);
    await importDocument(db, { version: 1, benefits: [{ ...doc.benefits![1]!, used: 5 }] }, options({ now: () => 2_000_000_000_000 }));
    expect((await all<{ data_updated_at: number }>(db, 'select data_updated_at from customers order by number')).map((s) => s.data_updated_at)).toEqual([
      1_900_000_000_000,
      2_000_000_000_000,
    ]);
  });

  it('appends new transactions of a given history, keeps the stored ones the file does not list, and removes them with prune', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    const doc = clone(fixtureDocument());
    const o365 = doc.subscriptions![0]!;
    o365.transactions!.push({ date: '2026-11-01', kind: 'self_provisioning', availableDelta: 2 });
    o365.available += 2;
    let summary = await importDocument(db, doc, options());
    expect(summary.transactions).toEqual({ created: 1, deleted: 0 });
    expect(summary.subscriptions).toMatchObject({ updated: 1, unchanged: 1 });

    // The next file leaves out the self-provisioning of 10-20 (5): the stored one is kept, so the file is
    // consistent while its counts include it…
    const next = clone(doc);
    next.subscriptions![0]!.transactions!.splice(1, 1);
    summary = await importDocument(db, next, options());
    expect(summary.subscriptions).toMatchObject({ updated: 0, unchanged: 2 });
    // … and refused when they do not, unless --prune removes the stored one.
    next.subscriptions![0]!.available -= 5;
    await expect(importDocument(db, next, options())).rejects.toThrow(ImportValidationError);
    summary = await importDocument(db, next, options({ prune: true }));
    expect(summary.transactions).toEqual({ created: 0, deleted: 1 });
    const line = (await one<{ available_count: number; ordered_count: number }>(
      db,
      "select available_count, ordered_count from inventory_lines where kind = 'subscription' and purchase_account_id = (select id from purchase_accounts where number = ?)",
      FIXTURE_ACCOUNTS.alphaNorth,
    ));
    expect(line).toEqual({ available_count: 22, ordered_count: 20 });
    expect((await ledgerDiscrepancies(db))).toEqual([]);
  });

  it('prune deletes the rows of the listed types that the file does not list, children first', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    const doc = clone(fixtureDocument());
    // Drop customer beta with everything of it, partner south's user, and one order.
    const betaAccounts = new Set<string>([FIXTURE_ACCOUNTS.betaNorth, FIXTURE_ACCOUNTS.betaSouth]);
    doc.customers = doc.customers!.filter((c) => c.number !== '2000002');
    doc.agreements = doc.agreements!.filter((a) => a.customer !== '2000002');
    doc.purchaseAccounts = doc.purchaseAccounts!.filter((a) => !betaAccounts.has(a.number));
    doc.orders = doc.orders!.filter((o) => !betaAccounts.has(o.account));
    doc.licensePositions = doc.licensePositions!.filter((p) => !betaAccounts.has(p.account));
    doc.subscriptions = doc.subscriptions!.filter((s) => !betaAccounts.has(s.account));
    doc.benefits = doc.benefits!.filter((b) => !betaAccounts.has(b.account));
    doc.users = doc.users!.filter((u) => !u.email.endsWith('@beta.example') && u.email !== FIXTURE_USERS.southPartner);

    // Without prune, nothing is deleted.
    const rowCounts = await counts(db);
    await importDocument(db, doc, options());
    expect((await counts(db))).toEqual(rowCounts);

    const summary = await importDocument(db, doc, options({ prune: true }));
    expect(summary.customers.deleted).toBe(1);
    expect(summary.agreements.deleted).toBe(1);
    expect(summary.purchaseAccounts.deleted).toBe(2);
    expect(summary.orders.deleted).toBe(1);
    expect(summary.licensePositions.deleted).toBe(2);
    expect(summary.subscriptions.deleted).toBe(1);
    expect(summary.benefits.deleted).toBe(1);
    expect(summary.users.deleted).toBe(3);
    expect(summary.partners.deleted).toBe(0);
    expect((await all(db, 'select number from customers'))).toEqual([{ number: '2000001' }]);
    expect((await one<{ n: number }>(db, 'select count(*) as n from users')).n).toBe(4);
    expect((await one<{ n: number }>(db, 'select count(*) as n from grants')).n).toBe(4);
    expect((await one<{ n: number }>(db, 'select count(*) as n from inventory_transactions t left join inventory_lines l on l.id = t.line_id where l.id is null')).n).toBe(0);
    // PostgreSQL checks every foreign key at each statement: only SQLite has something to check afterwards.
    if (!onPostgres()) expect(await all(db, 'pragma foreign_key_check')).toEqual([]);
    expect((await ledgerDiscrepancies(db))).toEqual([]);

    // And pruning with the same file again changes nothing.
    const before = await dump(db);
    await importDocument(db, doc, options({ prune: true }));
    expect((await dump(db))).toEqual(before);
  });

  it("never resets an existing user's password, and signs a user out when their grants change", async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    const stored = (await one<{ password_hash: string; session_version: number }>(db, 'select password_hash, session_version from users where email = ?', FIXTURE_USERS.alphaViewer));
    expect(await verifyPassword(FIXTURE_PASSWORD, stored.password_hash)).toBe(true);

    const doc = clone(fixtureDocument());
    const viewer = doc.users!.find((u) => u.email === FIXTURE_USERS.alphaViewer)!;
    viewer.password = 'a-completely-different-password';
    viewer.email = viewer.email.toUpperCase();
    viewer.grants = [{ role: 'account_viewer', customer: '2000001', accounts: [FIXTURE_ACCOUNTS.alphaNorth, FIXTURE_ACCOUNTS.alphaNorth2] }];
    const hasher = vi.fn(fastPasswordHash);
    const summary = await importDocument(db, doc, options({ passwordHasher: hasher }));
    expect(hasher).not.toHaveBeenCalled();
    expect(summary.users).toMatchObject({ updated: 1, unchanged: 6 });
    const after = (await one<{ password_hash: string; session_version: number }>(db, 'select password_hash, session_version from users where email = ?', FIXTURE_USERS.alphaViewer));
    expect(after.password_hash).toBe(stored.password_hash);
    expect(after.session_version).toBe(stored.session_version + 1);
    expect(
      (await all(db, 'select a.number from grant_accounts ga join purchase_accounts a on a.id = ga.purchase_account_id join grants g on g.id = ga.grant_id join users u on u.id = g.user_id where u.email = ? order by a.number', FIXTURE_USERS.alphaViewer)),
    ).toEqual([{ number: FIXTURE_ACCOUNTS.alphaNorth }, { number: FIXTURE_ACCOUNTS.alphaNorth2 }]);
  });

  it('keeps preferences people set in the application when the file does not state them', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    await run(db, 'update users set receives_notices = false where email = ?', FIXTURE_USERS.alphaAdmin);
    const before = await dump(db);
    await importDocument(db, fixtureDocument(), options());
    expect((await dump(db))).toEqual(before);
  });

  it('writes nothing when the file is invalid, and says everything that is wrong', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    const before = await dump(db);
    const doc = clone(fixtureDocument());
    doc.customers![0]!.legalName = 'Changed, but not written';
    doc.purchaseAccounts![0]!.agreement = '8000002';
    doc.licensePositions![0]!.licenseCount = 99;
    const error = await importDocument(db, doc, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).problems.map((p) => p.path)).toEqual(['purchaseAccounts[0].agreement', 'licensePositions[0]']);
    expect((await dump(db))).toEqual(before);

    await expect(importDocument(db, { version: 1, customers: [{ number: 'X' }] }, options())).rejects.toThrow(/customers\[0\]\.legalName: is required/);
    expect((await dump(db))).toEqual(before);

    // New users' passwords are not even hashed when the file is invalid.
    const hasher = vi.fn(fastPasswordHash);
    doc.users!.push({ email: 'new@alpha.example', name: 'New', password: 'a-long-password', grants: [] });
    await expect(importDocument(db, doc, options({ passwordHasher: hasher }))).rejects.toThrow(ImportValidationError);
    expect(hasher).not.toHaveBeenCalled();
    expect((await dump(db))).toEqual(before);
  });

  it('rolls back everything when a write fails half-way', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    const before = await dump(db);
    const doc = clone(fixtureDocument());
    doc.customers![0]!.legalName = 'Changed first';
    // The last entity type to be written fails inside the transaction.
    await failUpdatesOfUsers(db, 'boom');
    doc.users![0]!.name = 'Renamed';
    await expect(importDocument(db, doc, options())).rejects.toThrow('boom');
    await run(db, onPostgres() ? 'drop trigger fail_users on users' : 'drop trigger fail_users');
    expect((await dump(db))).toEqual(before);
  });

  it('reports progress up to the total', async () => {
    const db = await createTestDb();
    const calls: [number, number][] = [];
    await importDocument(db, fixtureDocument(), options({ onProgress: (done, total) => calls.push([done, total]) }));
    const total = Object.values(fixtureDocument()).reduce((sum, value) => sum + (Array.isArray(value) ? value.length : 0), 0);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.every(([done], i) => i === 0 || done > calls[i - 1]![0])).toBe(true);
  });

  it('stores prices in minor units of the currency and package items as listed', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    expect((await all(db, "select position, unit_price_minor, with_software_assurance, term_months from order_items where order_id = (select id from orders where number = 'FX-ORD-1001') order by position"))).toEqual([
      { position: 1, unit_price_minor: 51250, with_software_assurance: 1, term_months: null },
      { position: 2, unit_price_minor: null, with_software_assurance: 0, term_months: 12 },
    ]);
    const doc = clone(fixtureDocument());
    doc.packages![0]!.items = [
      { product: 'FX-WINSRV-CAL', quantity: 2 },
      { product: 'FX-OFFICE-PRO', edition: 'Standard', quantity: 1 },
    ];
    const summary = await importDocument(db, doc, options());
    expect(summary.packages).toMatchObject({ updated: 1 });
    expect((await all(db, 'select p.code, i.edition, i.quantity from package_items i join products p on p.id = i.product_id order by i.id'))).toEqual([
      { code: 'FX-WINSRV-CAL', edition: '', quantity: 2 },
      { code: 'FX-OFFICE-PRO', edition: 'Standard', quantity: 1 },
    ]);
  });

  it('writes new orders with their items and total, and changes, adds and removes the items of stored ones', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    const itemsOf = (number: string) =>
      all(db, 'select i.position, i.quantity, i.unit_price_minor from order_items i join orders o on o.id = i.order_id where o.number = ? order by i.position', number);
    const orderOf = (number: string) => one<{ id: number; status: string; total_minor: number | null; number_search: string }>(db, 'select id, status, total_minor, number_search from orders where number = ?', number);
    const before = await orderOf(FIXTURE_ORDERS.alphaNorth);
    expect(before.total_minor).toBe(512_500);

    const doc = clone(fixtureDocument());
    const [alpha, beta] = doc.orders!;
    // Alpha: the first item's quantity changed, the second removed, a third added at position 2.
    alpha!.items = [
      { ...alpha!.items[0]!, quantity: 4 },
      { product: alpha!.items[0]!.product, edition: 'Standard', version: '2021', quantity: 3, unitPrice: 100 },
    ];
    // Beta: only its status changed; its items as they were.
    beta!.status = 'completed';
    // Two new orders, each with items: their ids are given together, their items written after.
    doc.orders!.push(
      { number: 'FX-ORD-3001', date: '2026-11-01', status: 'submitted', partner: beta!.partner, account: beta!.account, currency: 'EUR', items: [{ ...beta!.items[0]!, quantity: 2, unitPrice: 10.5 }] },
      { number: 'FX-ORD-3002', date: '2026-11-02', status: 'submitted', partner: alpha!.partner, account: alpha!.account, items: [{ ...alpha!.items[1]!, unitPrice: 1 }, { ...alpha!.items[0]!, unitPrice: undefined }] },
    );
    const summary = await importDocument(db, doc, options());
    expect(summary.orders).toEqual({ created: 2, updated: 2, unchanged: 0, deleted: 0 });

    expect(await itemsOf(FIXTURE_ORDERS.alphaNorth)).toEqual([
      { position: 1, quantity: 4, unit_price_minor: 51_250 },
      { position: 2, quantity: 3, unit_price_minor: 10_000 },
    ]);
    expect(await orderOf(FIXTURE_ORDERS.alphaNorth)).toMatchObject({ id: before.id, total_minor: 4 * 51_250 + 3 * 10_000 });
    expect(await orderOf(FIXTURE_ORDERS.betaSouth)).toMatchObject({ status: 'completed', total_minor: null });
    expect(await itemsOf('FX-ORD-3001')).toEqual([{ position: 1, quantity: 2, unit_price_minor: 1_050 }]);
    expect(await orderOf('FX-ORD-3001')).toMatchObject({ total_minor: 2_100, number_search: ' fx ord 3001' });
    expect(await itemsOf('FX-ORD-3002')).toEqual([
      { position: 1, quantity: 3, unit_price_minor: 100 },
      { position: 2, quantity: 4, unit_price_minor: null },
    ]);
    expect((await orderOf('FX-ORD-3002')).total_minor).toBe(300);

    // The same file again: nothing to write.
    const again = await importDocument(db, doc, options());
    expect(again.orders).toEqual({ created: 0, updated: 0, unchanged: 4, deleted: 0 });
  });

  it('keeps product search text in step with a renamed family', async () => {
    const db = await createTestDb();
    await loadFixtures(db);
    await importDocument(db, { version: 1, productFamilies: [{ code: 'FX-WINSRV', name: 'Serveurs Windows' }] }, options());
    expect((await all(db, "select search from products where code in ('FX-WINSRV-STD', 'FX-WINSRV-CAL') order by code"))).toEqual([
      { search: ' windows server cal serveurs windows' },
      { search: ' windows server standard serveurs windows' },
    ]);
  });
});
