/**
 * importDocument(): validates a whole import file, then writes it in one
 * SQLite transaction (docs/import-format.md). Upserts by natural key; deletes
 * only with `prune`; never touches an existing user's password; keeps every
 * line's counts equal to the sum of its transactions through the ledger.
 *
 * Speed: existing rows are loaded once into maps (lib/import/state.ts) and
 * every write goes through statements prepared once, inside the one
 * transaction — no query per entry (docs/performance.md).
 */
import 'server-only';
import type { DB } from '@/db/client';
import { hashPassword } from '@/lib/auth/password';
import { today as todayInAppTimeZone } from '@/lib/clock';
import { createLedgerWriter } from '@/lib/inventory/ledger';
import { foldForSearch } from '@/lib/search/normalize';
import { ImportValidationError } from './problems';
import { ENTITY_TYPES, toMinorUnits, type EntityType, type ImportDocument } from './schema';
import { benefitKey, licenseKey, loadExistingState, packageItemKey, subscriptionKey, type ExistingState, type GrantRow, type LineRow } from './state';
import {
  checkDocument,
  givenLicenseTransactions,
  givenSubscriptionTransactions,
  needsStoredTransactions,
  parseImportDocument,
  planTransactions,
  type GivenTransaction,
  type ImportOptions,
  type TransactionPlan,
} from './validate';

export interface EntitySummary {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export type ImportSummary = Record<EntityType, EntitySummary> & {
  /** Inventory transactions appended (opening balances, adjustments, the file's) and removed (--prune). */
  transactions: { created: number; deleted: number };
};

export interface ImportDocumentOptions extends ImportOptions {
  /** Called as entries are written (at most ~200 times, and once at the end). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Internal, for tests and fixtures only (not part of the file format): how
   * the passwords of new users are hashed. Default: lib/auth/password.ts.
   */
  passwordHasher?: (password: string) => Promise<string>;
  /** Internal: the date of opening balances and adjustments (default: today in APP_TIME_ZONE). */
  today?: string;
  /** Internal: the clock of timestamps (default: Date.now). */
  now?: () => number;
}

/** The note on the transactions the importer writes itself (opening balances, adjustments). */
export const IMPORT_NOTE = 'import';

function emptySummary(): ImportSummary {
  const summary = { transactions: { created: 0, deleted: 0 } } as ImportSummary;
  for (const type of ENTITY_TYPES) summary[type] = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  return summary;
}

async function mapWithConcurrency<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Validates `input` (an import document, e.g. parsed JSON) against itself and
 * the database, then writes it in one transaction. Throws an
 * ImportValidationError carrying every problem, having written nothing, when
 * the file is invalid. Re-importing the same file changes nothing.
 */
export async function importDocument(db: DB, input: unknown, options: ImportDocumentOptions = {}): Promise<ImportSummary> {
  const parsed = parseImportDocument(input);
  if (!parsed.ok) throw new ImportValidationError(parsed.problems);
  const doc = parsed.doc;

  // Hash the passwords of users who do not exist yet, before the (synchronous) transaction.
  const existing = new Set(db.$client.prepare<[], { email: string }>('select email from users').all().map((row) => row.email.toLowerCase()));
  const newUsers = (doc.users ?? []).filter((user) => user.password !== undefined && !existing.has(user.email.toLowerCase()));
  if (newUsers.length > 0) {
    // Hashing takes a while: find out first whether the file is valid at all (it is checked again when written).
    const state = loadExistingState(db, { withTransactions: needsStoredTransactions(doc, options.prune ?? false) });
    const problems = checkDocument(doc, state, options);
    if (problems.length > 0) throw new ImportValidationError(problems);
  }
  const hasher = options.passwordHasher ?? hashPassword;
  const hashes = new Map<string, string>();
  // scrypt at N=2^17 takes 128 MiB per hash: two at a time.
  const computed = await mapWithConcurrency(newUsers, 2, (user) => hasher(user.password!));
  newUsers.forEach((user, index) => hashes.set(user.email.toLowerCase(), computed[index]!));

  const run = db.$client.transaction(() => {
    const state = loadExistingState(db, { withTransactions: needsStoredTransactions(doc, options.prune ?? false) });
    const plans = new Map<object, TransactionPlan>();
    const problems = checkDocument(doc, state, options, plans);
    if (problems.length > 0) throw new ImportValidationError(problems);
    return writeDocument(db, doc, state, hashes, plans, options);
  });
  return run.immediate();
}

function writeDocument(
  db: DB,
  doc: ImportDocument,
  state: ExistingState,
  passwordHashes: Map<string, string>,
  plans: Map<object, TransactionPlan>,
  options: ImportDocumentOptions,
): ImportSummary {
  const sqlite = db.$client;
  const prepare = (sql: string) => sqlite.prepare(sql);
  const now = options.now ?? Date.now;
  const at = now();
  const day = options.today ?? todayInAppTimeZone();
  const prune = options.prune ?? false;
  const summary = emptySummary();
  // Editions, versions and places repeat across many lines: fold each combination once.
  const folded = new Map<string, string>();
  const fold = (...parts: string[]): string => {
    const key = parts.join('\u001f');
    let value = folded.get(key);
    if (value === undefined) {
      value = foldForSearch(...parts);
      folded.set(key, value);
    }
    return value;
  };
  const ledger = createLedgerWriter(db, { now: () => at });

  const total = ENTITY_TYPES.reduce((sum, type) => sum + (doc[type]?.length ?? 0), 0);
  let done = 0;
  const step = Math.max(1, Math.ceil(total / 200));
  const progress = () => {
    done++;
    if (options.onProgress && (done % step === 0 || done === total)) options.onProgress(done, total);
  };

  /** Customers whose data changed: their dataUpdatedAt is set at the end. */
  const touched = new Set<number>();
  const touchAccount = (accountId: number) => {
    const account = state.accounts.byId.get(accountId);
    if (account) touched.add(account.customerId);
  };
  const count = (type: EntityType, outcome: 'created' | 'updated' | 'unchanged') => summary[type][outcome]++;

  const id = <Row extends { id: number }>(table: { byKey: Map<string, Row> }, key: string): number => {
    const row = table.byKey.get(key);
    if (!row) throw new Error(`internal: ${key} was validated but is not resolved`);
    return row.id;
  };

  // ─ Partners
  {
    const insert = prepare('insert into partners (code, name, contact_email, contact_phone) values (?, ?, ?, ?)');
    const update = prepare('update partners set name = ?, contact_email = ?, contact_phone = ? where id = ?');
    for (const p of doc.partners ?? []) {
      const row = { code: p.code, name: p.name, contactEmail: p.contactEmail ?? null, contactPhone: p.contactPhone ?? null };
      const stored = state.partners.byKey.get(p.code);
      if (!stored) {
        const newId = Number(insert.run(row.code, row.name, row.contactEmail, row.contactPhone).lastInsertRowid);
        state.partners.add(p.code, { id: newId, ...row });
        count('partners', 'created');
      } else if (stored.name !== row.name || stored.contactEmail !== row.contactEmail || stored.contactPhone !== row.contactPhone) {
        update.run(row.name, row.contactEmail, row.contactPhone, stored.id);
        Object.assign(stored, row);
        count('partners', 'updated');
      } else count('partners', 'unchanged');
      progress();
    }
  }

  // ─ Customers
  {
    const insert = prepare('insert into customers (number, legal_name, legal_name_search, data_updated_at, created_at) values (?, ?, ?, ?, ?)');
    const update = prepare('update customers set legal_name = ?, legal_name_search = ? where id = ?');
    for (const c of doc.customers ?? []) {
      const search = foldForSearch(c.legalName);
      const stored = state.customers.byKey.get(c.number);
      if (!stored) {
        const newId = Number(insert.run(c.number, c.legalName, search, at, at).lastInsertRowid);
        state.customers.add(c.number, { id: newId, number: c.number, legalName: c.legalName, legalNameSearch: search });
        count('customers', 'created');
      } else if (stored.legalName !== c.legalName || stored.legalNameSearch !== search) {
        update.run(c.legalName, search, stored.id);
        Object.assign(stored, { legalName: c.legalName, legalNameSearch: search });
        touched.add(stored.id);
        count('customers', 'updated');
      } else count('customers', 'unchanged');
      progress();
    }
  }

  // ─ Agreements
  {
    const insert = prepare('insert into agreements (number, customer_id, name, starts_on, ends_on) values (?, ?, ?, ?, ?)');
    const update = prepare('update agreements set customer_id = ?, name = ?, starts_on = ?, ends_on = ? where id = ?');
    for (const a of doc.agreements ?? []) {
      const row = {
        customerId: id(state.customers, a.customer),
        name: a.name ?? null,
        startsOn: a.startsOn ?? null,
        endsOn: a.endsOn ?? null,
      };
      const stored = state.agreements.byKey.get(a.number);
      if (!stored) {
        const newId = Number(insert.run(a.number, row.customerId, row.name, row.startsOn, row.endsOn).lastInsertRowid);
        state.agreements.add(a.number, { id: newId, number: a.number, ...row });
        touched.add(row.customerId);
        count('agreements', 'created');
      } else if (stored.customerId !== row.customerId || stored.name !== row.name || stored.startsOn !== row.startsOn || stored.endsOn !== row.endsOn) {
        update.run(row.customerId, row.name, row.startsOn, row.endsOn, stored.id);
        touched.add(stored.customerId);
        touched.add(row.customerId);
        Object.assign(stored, row);
        count('agreements', 'updated');
      } else count('agreements', 'unchanged');
      progress();
    }
  }

  // ─ Product families and products (product search = product name + family name)
  {
    const insert = prepare('insert into product_families (code, name) values (?, ?)');
    const update = prepare('update product_families set name = ? where id = ?');
    for (const f of doc.productFamilies ?? []) {
      const stored = state.families.byKey.get(f.code);
      if (!stored) {
        const newId = Number(insert.run(f.code, f.name).lastInsertRowid);
        state.families.add(f.code, { id: newId, code: f.code, name: f.name });
        count('productFamilies', 'created');
      } else if (stored.name !== f.name) {
        update.run(f.name, stored.id);
        stored.name = f.name;
        count('productFamilies', 'updated');
      } else count('productFamilies', 'unchanged');
      progress();
    }
  }
  {
    const insert = prepare('insert into products (code, family_id, name, kind, management_url, search) values (?, ?, ?, ?, ?, ?)');
    const update = prepare('update products set family_id = ?, name = ?, kind = ?, management_url = ?, search = ? where id = ?');
    const familyName = (familyId: number) => state.families.byId.get(familyId)?.name ?? '';
    const listed = new Set<string>();
    for (const p of doc.products ?? []) {
      listed.add(p.code);
      const familyId = id(state.families, p.family);
      const row = { familyId, name: p.name, kind: p.kind, managementUrl: p.managementUrl ?? null, search: foldForSearch(p.name, familyName(familyId)) };
      const stored = state.products.byKey.get(p.code);
      if (!stored) {
        const newId = Number(insert.run(p.code, row.familyId, row.name, row.kind, row.managementUrl, row.search).lastInsertRowid);
        state.products.add(p.code, { id: newId, code: p.code, ...row });
        count('products', 'created');
      } else if (
        stored.familyId !== row.familyId ||
        stored.name !== row.name ||
        stored.kind !== row.kind ||
        stored.managementUrl !== row.managementUrl ||
        stored.search !== row.search
      ) {
        update.run(row.familyId, row.name, row.kind, row.managementUrl, row.search, stored.id);
        Object.assign(stored, row);
        count('products', 'updated');
      } else count('products', 'unchanged');
      progress();
    }
    // A renamed family changes the search text of its products the file does not list.
    const updateSearch = prepare('update products set search = ? where id = ?');
    for (const stored of state.products.byId.values()) {
      if (listed.has(stored.code)) continue;
      const search = foldForSearch(stored.name, familyName(stored.familyId));
      if (search !== stored.search) {
        updateSearch.run(search, stored.id);
        stored.search = search;
      }
    }
  }

  // ─ Packages (their items are part of them: the file's list replaces the stored one)
  {
    const insert = prepare('insert into packages (code, name) values (?, ?)');
    const update = prepare('update packages set name = ? where id = ?');
    const insertItem = prepare('insert into package_items (package_id, product_id, edition, version, quantity) values (?, ?, ?, ?, ?)');
    const updateItem = prepare('update package_items set quantity = ? where id = ?');
    const deleteItem = prepare('delete from package_items where id = ?');
    for (const p of doc.packages ?? []) {
      let stored = state.packages.byKey.get(p.code);
      let changed = false;
      const created = !stored;
      if (!stored) {
        const newId = Number(insert.run(p.code, p.name).lastInsertRowid);
        stored = { id: newId, code: p.code, name: p.name };
        state.packages.add(p.code, stored);
      } else if (stored.name !== p.name) {
        update.run(p.name, stored.id);
        stored.name = p.name;
        changed = true;
      }
      const storedItems = new Map(
        (state.packageItems.get(stored.id) ?? []).map((item) => [
          packageItemKey(state.products.keyOf.get(item.productId) ?? '', item.edition, item.version),
          item,
        ]),
      );
      for (const item of p.items) {
        const itemKey = packageItemKey(item.product, item.edition ?? '', item.version ?? '');
        const existing = storedItems.get(itemKey);
        if (!existing) {
          insertItem.run(stored.id, id(state.products, item.product), item.edition ?? '', item.version ?? '', item.quantity);
          changed = true;
        } else {
          storedItems.delete(itemKey);
          if (existing.quantity !== item.quantity) {
            updateItem.run(item.quantity, existing.id);
            changed = true;
          }
        }
      }
      for (const leftover of storedItems.values()) {
        deleteItem.run(leftover.id);
        changed = true;
      }
      count('packages', created ? 'created' : changed ? 'updated' : 'unchanged');
      progress();
    }
  }

  // ─ Purchase accounts
  {
    const insert = prepare(
      `insert into purchase_accounts (number, name, name_search, city, country, location_search, customer_id, agreement_id, partner_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = prepare(
      `update purchase_accounts set name = ?, name_search = ?, city = ?, country = ?, location_search = ?,
              customer_id = ?, agreement_id = ?, partner_id = ? where id = ?`,
    );
    for (const a of doc.purchaseAccounts ?? []) {
      const row = {
        name: a.name,
        nameSearch: foldForSearch(a.name),
        city: a.city,
        country: a.country,
        locationSearch: fold(a.city, a.country),
        customerId: id(state.customers, a.customer),
        agreementId: id(state.agreements, a.agreement),
        partnerId: id(state.partners, a.partner),
      };
      const stored = state.accounts.byKey.get(a.number);
      if (!stored) {
        const newId = Number(
          insert.run(a.number, row.name, row.nameSearch, row.city, row.country, row.locationSearch, row.customerId, row.agreementId, row.partnerId)
            .lastInsertRowid,
        );
        state.accounts.add(a.number, { id: newId, number: a.number, ...row });
        touched.add(row.customerId);
        count('purchaseAccounts', 'created');
      } else if ((Object.keys(row) as (keyof typeof row)[]).some((field) => stored[field] !== row[field])) {
        update.run(row.name, row.nameSearch, row.city, row.country, row.locationSearch, row.customerId, row.agreementId, row.partnerId, stored.id);
        touched.add(stored.customerId);
        touched.add(row.customerId);
        Object.assign(stored, row);
        count('purchaseAccounts', 'updated');
      } else count('purchaseAccounts', 'unchanged');
      progress();
    }
  }

  // ─ Orders (their items, by position, are part of them)
  {
    const insert = prepare(
      `insert into orders (number, ordered_on, status, partner_id, purchase_account_id, agreement_id, customer_po_number,
                           bill_to_name, bill_to_address, ship_to_name, ship_to_address, currency, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = prepare(
      `update orders set ordered_on = ?, status = ?, partner_id = ?, purchase_account_id = ?, agreement_id = ?, customer_po_number = ?,
              bill_to_name = ?, bill_to_address = ?, ship_to_name = ?, ship_to_address = ?, currency = ? where id = ?`,
    );
    const insertItem = prepare(
      `insert into order_items (order_id, position, product_id, edition, version, resource_usage, quantity, with_software_assurance,
                                term_months, unit_price_minor)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const updateItem = prepare(
      `update order_items set product_id = ?, edition = ?, version = ?, resource_usage = ?, quantity = ?, with_software_assurance = ?,
              term_months = ?, unit_price_minor = ? where id = ?`,
    );
    const deleteItem = prepare('delete from order_items where id = ?');
    for (const o of doc.orders ?? []) {
      const account = state.accounts.byKey.get(o.account)!;
      const row = {
        orderedOn: o.date,
        status: o.status,
        partnerId: id(state.partners, o.partner),
        purchaseAccountId: account.id,
        agreementId: account.agreementId,
        customerPoNumber: o.customerPoNumber ?? null,
        billToName: o.billTo?.name ?? null,
        billToAddress: o.billTo?.address ?? null,
        shipToName: o.shipTo?.name ?? null,
        shipToAddress: o.shipTo?.address ?? null,
        currency: o.currency ?? null,
      };
      const values = [
        row.orderedOn,
        row.status,
        row.partnerId,
        row.purchaseAccountId,
        row.agreementId,
        row.customerPoNumber,
        row.billToName,
        row.billToAddress,
        row.shipToName,
        row.shipToAddress,
        row.currency,
      ];
      let stored = state.orders.byKey.get(o.number);
      const created = !stored;
      let changed = false;
      if (!stored) {
        const newId = Number(insert.run(o.number, ...values, at).lastInsertRowid);
        stored = { id: newId, number: o.number, ...row };
        state.orders.add(o.number, stored);
      } else if ((Object.keys(row) as (keyof typeof row)[]).some((field) => stored![field] !== row[field])) {
        update.run(...values, stored.id);
        touchAccount(stored.purchaseAccountId);
        Object.assign(stored, row);
        changed = true;
      }
      const storedItems = new Map((state.orderItems.get(stored.id) ?? []).map((item) => [item.position, item]));
      o.items.forEach((item, index) => {
        const position = index + 1;
        const itemRow = {
          productId: id(state.products, item.product),
          edition: item.edition ?? '',
          version: item.version ?? '',
          resourceUsage: item.resourceUsage ?? '',
          quantity: item.quantity,
          withSoftwareAssurance: item.softwareAssurance ? 1 : 0,
          termMonths: item.termMonths ?? null,
          unitPriceMinor: item.unitPrice === undefined ? null : toMinorUnits(item.unitPrice, o.currency),
        };
        const itemValues = Object.values(itemRow);
        const existing = storedItems.get(position);
        storedItems.delete(position);
        if (!existing) {
          insertItem.run(stored.id, position, ...itemValues);
          changed = true;
        } else if ((Object.keys(itemRow) as (keyof typeof itemRow)[]).some((field) => existing[field] !== itemRow[field])) {
          updateItem.run(...itemValues, existing.id);
          changed = true;
        }
      });
      for (const leftover of storedItems.values()) {
        deleteItem.run(leftover.id);
        changed = true;
      }
      if (created || changed) touchAccount(account.id);
      count('orders', created ? 'created' : changed ? 'updated' : 'unchanged');
      progress();
    }
  }

  // ─ Licence positions and subscriptions, through the ledger
  {
    const updateLine = prepare('update inventory_lines set edition = ?, package_id = ?, next_expiration = ?, search = ?, updated_at = ? where id = ?');
    const orderNumberOf = (orderId: number) => state.orders.keyOf.get(orderId);
    const toEntry = (t: GivenTransaction) => ({
      occurredOn: t.date,
      kind: t.kind,
      licenseDelta: t.licenseDelta,
      saDelta: t.saDelta,
      availableDelta: t.availableDelta,
      orderedDelta: t.orderedDelta,
      orderId: t.order === null ? null : id(state.orders, t.order),
      note: t.note,
    });

    const writeLine = (
      type: 'licensePositions' | 'subscriptions',
      key: string,
      fields: {
        kind: LineRow['kind'];
        accountId: number;
        productId: number;
        edition: string;
        version: string;
        resourceUsage: string;
        packageId: number | null;
        nextExpiration: string | null;
        search: string;
      },
      stated: { licenseCount: number; saCount: number; availableCount: number; orderedCount: number },
      given: GivenTransaction[] | null,
      entry: object,
    ) => {
      const line = state.lines.byKey.get(key);
      if (!line) {
        // A new line: its counts are its opening balance, or the sums of the file's history.
        const entries =
          given ??
          [{ date: day, kind: 'opening_balance' as const, licenseDelta: stated.licenseCount, saDelta: stated.saCount, availableDelta: stated.availableCount, orderedDelta: stated.orderedCount, order: null, note: IMPORT_NOTE }];
        const newId = ledger.insertLine({ ...fields, purchaseAccountId: fields.accountId }, entries.map(toEntry));
        summary.transactions.created += entries.length;
        const sum = (field: 'licenseDelta' | 'saDelta' | 'availableDelta' | 'orderedDelta') => entries.reduce((total, t) => total + t[field], 0);
        state.lines.add(key, {
          id: newId,
          kind: fields.kind,
          purchaseAccountId: fields.accountId,
          productId: fields.productId,
          edition: fields.edition,
          version: fields.version,
          resourceUsage: fields.resourceUsage,
          packageId: fields.packageId,
          licenseCount: sum('licenseDelta'),
          saCount: sum('saDelta'),
          availableCount: sum('availableDelta'),
          orderedCount: sum('orderedDelta'),
          nextExpiration: fields.nextExpiration,
          search: fields.search,
        });
        touchAccount(fields.accountId);
        count(type, 'created');
        progress();
        return;
      }
      let changed = false;
      if (
        line.edition !== fields.edition ||
        line.packageId !== fields.packageId ||
        line.nextExpiration !== fields.nextExpiration ||
        line.search !== fields.search
      ) {
        updateLine.run(fields.edition, fields.packageId, fields.nextExpiration, fields.search, at, line.id);
        Object.assign(line, { edition: fields.edition, packageId: fields.packageId, nextExpiration: fields.nextExpiration, search: fields.search });
        changed = true;
      }
      const append = (t: GivenTransaction) => {
        ledger.append({ lineId: line.id, ...toEntry(t) });
        summary.transactions.created++;
        changed = true;
      };
      if (given === null) {
        // No history in the file: an adjustment for a difference with the stored counts.
        const delta = {
          licenseDelta: stated.licenseCount - line.licenseCount,
          saDelta: stated.saCount - line.saCount,
          availableDelta: stated.availableCount - line.availableCount,
          orderedDelta: stated.orderedCount - line.orderedCount,
        };
        if (Object.values(delta).some((value) => value !== 0)) {
          append({ date: day, kind: 'adjustment', ...delta, order: null, note: IMPORT_NOTE });
        }
      } else {
        const plan = plans.get(entry) ?? planTransactions(given, state.transactions?.get(line.id) ?? [], orderNumberOf);
        for (const index of plan.toAppend) append(given[index]!);
        if (prune) {
          for (const row of plan.unlisted) {
            ledger.remove(row.id);
            summary.transactions.deleted++;
            changed = true;
          }
        }
      }
      if (changed) touchAccount(fields.accountId);
      count(type, changed ? 'updated' : 'unchanged');
      progress();
    };

    for (const p of doc.licensePositions ?? []) {
      const edition = p.edition ?? '';
      const version = p.version ?? '';
      const resourceUsage = p.resourceUsage ?? '';
      writeLine(
        'licensePositions',
        licenseKey(p.account, p.product, edition, version, resourceUsage, p.package ?? null),
        {
          kind: 'license',
          accountId: id(state.accounts, p.account),
          productId: id(state.products, p.product),
          edition,
          version,
          resourceUsage,
          packageId: p.package === undefined ? null : id(state.packages, p.package),
          nextExpiration: null,
          search: fold(edition, version, resourceUsage),
        },
        { licenseCount: p.licenseCount, saCount: p.saCount, availableCount: 0, orderedCount: 0 },
        p.transactions ? givenLicenseTransactions(p) : null,
        p,
      );
    }
    for (const s of doc.subscriptions ?? []) {
      const edition = s.edition ?? '';
      writeLine(
        'subscriptions',
        subscriptionKey(s.account, s.product),
        {
          kind: 'subscription',
          accountId: id(state.accounts, s.account),
          productId: id(state.products, s.product),
          edition,
          version: '',
          resourceUsage: '',
          packageId: s.package === undefined ? null : id(state.packages, s.package),
          nextExpiration: s.nextExpiration,
          search: fold(edition),
        },
        { licenseCount: 0, saCount: 0, availableCount: s.available, orderedCount: s.ordered },
        s.transactions ? givenSubscriptionTransactions(s) : null,
        s,
      );
    }
  }

  // ─ Software Assurance benefits
  {
    const insert = prepare('insert into software_assurance_benefits (purchase_account_id, benefit, entitled, used, expires_on) values (?, ?, ?, ?, ?)');
    const update = prepare('update software_assurance_benefits set entitled = ?, used = ? where id = ?');
    for (const b of doc.benefits ?? []) {
      const key = benefitKey(b.account, b.benefit, b.expires);
      const stored = state.benefits.byKey.get(key);
      const accountId = id(state.accounts, b.account);
      if (!stored) {
        const newId = Number(insert.run(accountId, b.benefit, b.entitled, b.used, b.expires).lastInsertRowid);
        state.benefits.add(key, { id: newId, purchaseAccountId: accountId, benefit: b.benefit, entitled: b.entitled, used: b.used, expiresOn: b.expires });
        touchAccount(accountId);
        count('benefits', 'created');
      } else if (stored.entitled !== b.entitled || stored.used !== b.used) {
        update.run(b.entitled, b.used, stored.id);
        Object.assign(stored, { entitled: b.entitled, used: b.used });
        touchAccount(accountId);
        count('benefits', 'updated');
      } else count('benefits', 'unchanged');
      progress();
    }
  }

  // ─ Users (never an existing user's password; grants replaced, sessions ended when they change)
  {
    const insert = prepare(
      'insert into users (email, name, locale, password_hash, active, receives_notices, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const update = prepare(
      'update users set name = ?, locale = ?, active = ?, receives_notices = ?, session_version = session_version + ? where id = ?',
    );
    const insertGrant = prepare('insert into grants (user_id, role, customer_id, partner_id) values (?, ?, ?, ?)');
    const insertGrantAccount = prepare('insert into grant_accounts (grant_id, purchase_account_id) values (?, ?)');
    const deleteGrantAccounts = prepare('delete from grant_accounts where grant_id in (select id from grants where user_id = ?)');
    const deleteGrants = prepare('delete from grants where user_id = ?');
    const signature = (grants: Omit<GrantRow, 'id' | 'userId'>[]) =>
      grants
        .map((g) => JSON.stringify([g.role, g.customerId, g.partnerId, [...new Set(g.accountIds)].sort((a, b) => a - b)]))
        .sort()
        .join('\n');

    for (const u of doc.users ?? []) {
      const email = u.email.toLowerCase();
      const grants = u.grants.map((g) => ({
        role: g.role,
        customerId: g.role === 'partner_user' ? null : id(state.customers, g.customer),
        partnerId: g.role === 'partner_user' ? id(state.partners, g.partner) : null,
        accountIds: g.role === 'account_viewer' ? [...new Set(g.accounts.map((number) => id(state.accounts, number)))] : [],
      }));
      let stored = state.users.byKey.get(email);
      const created = !stored;
      let grantsChanged = false;
      let changed = false;
      if (!stored) {
        const row = {
          email,
          name: u.name,
          locale: u.locale ?? null,
          passwordHash: passwordHashes.get(email) ?? null,
          active: u.active === false ? 0 : 1,
          receivesNotices: u.receivesNotices === false ? 0 : 1,
        };
        const newId = Number(insert.run(row.email, row.name, row.locale, row.passwordHash, row.active, row.receivesNotices, at).lastInsertRowid);
        stored = { id: newId, ...row, rememberedAccountId: null };
        state.users.add(email, stored);
        grantsChanged = grants.length > 0;
      } else {
        const row = {
          name: u.name,
          locale: u.locale ?? stored.locale,
          active: u.active === undefined ? stored.active : u.active ? 1 : 0,
          receivesNotices: u.receivesNotices === undefined ? stored.receivesNotices : u.receivesNotices ? 1 : 0,
        };
        grantsChanged = signature(state.grants.get(stored.id) ?? []) !== signature(grants);
        const signOut = grantsChanged || (stored.active === 1 && row.active === 0);
        if (signOut || stored.name !== row.name || stored.locale !== row.locale || stored.active !== row.active || stored.receivesNotices !== row.receivesNotices) {
          update.run(row.name, row.locale, row.active, row.receivesNotices, signOut ? 1 : 0, stored.id);
          Object.assign(stored, row);
          changed = true;
        }
      }
      if (grantsChanged) {
        deleteGrantAccounts.run(stored.id);
        deleteGrants.run(stored.id);
        for (const g of grants) {
          const grantId = Number(insertGrant.run(stored.id, g.role, g.customerId, g.partnerId).lastInsertRowid);
          for (const accountId of g.accountIds) insertGrantAccount.run(grantId, accountId);
        }
      }
      count('users', created ? 'created' : changed ? 'updated' : 'unchanged');
      progress();
    }
  }

  if (prune) pruneAbsent(db, doc, state, summary, touched);

  const touch = prepare('update customers set data_updated_at = ? where id = ?');
  for (const customerId of touched) touch.run(at, customerId);
  if (total === 0) options.onProgress?.(0, 0);
  return summary;
}

/** Deletes, children first, the rows of the types present in the file that the file does not list. */
function pruneAbsent(db: DB, doc: ImportDocument, state: ExistingState, summary: ImportSummary, touched: Set<number>): void {
  const sqlite = db.$client;
  const absent = <Row extends { id: number }>(table: { byKey: Map<string, Row> }, keys: Iterable<string>): Row[] => {
    const listed = new Set(keys);
    return [...table.byKey].filter(([key]) => !listed.has(key)).map(([, row]) => row);
  };
  const each = (type: EntityType, rows: { id: number }[], statements: string[]) => {
    // Every statement takes the row's id as its one parameter.
    const prepared = statements.map((sql) => sqlite.prepare<[number]>(sql));
    for (const row of rows) for (const statement of prepared) statement.run(row.id);
    summary[type].deleted += rows.length;
  };

  // Inventory lines, with their history and the notices sent about them.
  const countTransactions = sqlite.prepare<[number], { n: number }>('select count(*) as n from inventory_transactions where line_id = ?');
  const lineKinds: ['licensePositions' | 'subscriptions', 'license' | 'subscription'][] = [
    ['licensePositions', 'license'],
    ['subscriptions', 'subscription'],
  ];
  for (const [type, kind] of lineKinds) {
    if (!doc[type]) continue;
    const keys =
      type === 'licensePositions'
        ? (doc.licensePositions ?? []).map((p) => licenseKey(p.account, p.product, p.edition ?? '', p.version ?? '', p.resourceUsage ?? '', p.package ?? null))
        : (doc.subscriptions ?? []).map((s) => subscriptionKey(s.account, s.product));
    const gone = absent(state.lines, keys).filter((line) => line.kind === kind);
    for (const line of gone) {
      const account = state.accounts.byId.get(line.purchaseAccountId);
      if (account) touched.add(account.customerId);
    }
    for (const line of gone) summary.transactions.deleted += countTransactions.get(line.id)?.n ?? 0;
    each(type, gone, [
      'delete from notices_sent where line_id = ?',
      'delete from inventory_transactions where line_id = ?',
      'delete from inventory_lines where id = ?',
    ]);
  }
  if (doc.benefits) {
    const gone = absent(state.benefits, doc.benefits.map((b) => benefitKey(b.account, b.benefit, b.expires)));
    for (const b of gone) {
      const account = state.accounts.byId.get(b.purchaseAccountId);
      if (account) touched.add(account.customerId);
    }
    each('benefits', gone, ['delete from software_assurance_benefits where id = ?']);
  }
  if (doc.users) {
    const gone = absent(state.users, doc.users.map((u) => u.email.toLowerCase()));
    each('users', gone, [
      'delete from grant_accounts where grant_id in (select id from grants where user_id = ?)',
      'delete from grants where user_id = ?',
      'delete from notices_sent where user_id = ?',
      'delete from notice_messages where user_id = ?',
      'delete from calendar_feed_secrets where user_id = ?',
      'delete from one_time_tokens where user_id = ?',
      'delete from idempotency_keys where user_id = ?',
      'update audit_log set user_id = null where user_id = ?',
      'update orders set created_by_user_id = null where created_by_user_id = ?',
      'update inventory_transactions set author_user_id = null where author_user_id = ?',
      'delete from users where id = ?',
    ]);
  }
  if (doc.orders) {
    const gone = absent(state.orders, doc.orders.map((o) => o.number));
    for (const o of gone) {
      const account = state.accounts.byId.get(o.purchaseAccountId);
      if (account) touched.add(account.customerId);
    }
    each('orders', gone, ['delete from order_items where order_id = ?', 'delete from orders where id = ?']);
  }
  if (doc.purchaseAccounts) {
    const gone = absent(state.accounts, doc.purchaseAccounts.map((a) => a.number));
    for (const a of gone) touched.add(a.customerId);
    each('purchaseAccounts', gone, [
      'update users set remembered_account_id = null where remembered_account_id = ?',
      'delete from purchase_accounts where id = ?',
    ]);
  }
  if (doc.packages) {
    each('packages', absent(state.packages, doc.packages.map((p) => p.code)), [
      'delete from package_items where package_id = ?',
      'delete from packages where id = ?',
    ]);
  }
  if (doc.products) each('products', absent(state.products, doc.products.map((p) => p.code)), ['delete from products where id = ?']);
  if (doc.productFamilies) {
    each('productFamilies', absent(state.families, doc.productFamilies.map((f) => f.code)), ['delete from product_families where id = ?']);
  }
  if (doc.agreements) each('agreements', absent(state.agreements, doc.agreements.map((a) => a.number)), ['delete from agreements where id = ?']);
  if (doc.customers) {
    const gone = absent(state.customers, doc.customers.map((c) => c.number));
    for (const c of gone) touched.delete(c.id);
    each('customers', gone, ['delete from customers where id = ?']);
  }
  if (doc.partners) each('partners', absent(state.partners, doc.partners.map((p) => p.code)), ['delete from partners where id = ?']);
}

/** The summary as lines of text, for the command line. */
export function formatSummary(summary: ImportSummary): string {
  const rows = ENTITY_TYPES.map((type) => {
    const s = summary[type];
    const parts = [`${s.created} created`, `${s.updated} updated`, `${s.unchanged} unchanged`];
    if (s.deleted > 0) parts.push(`${s.deleted} deleted`);
    return `  ${type.padEnd(18)} ${parts.join(', ')}`;
  });
  rows.push(
    `  ${'transactions'.padEnd(18)} ${summary.transactions.created} recorded${summary.transactions.deleted > 0 ? `, ${summary.transactions.deleted} removed` : ''}`,
  );
  return rows.join('\n');
}
