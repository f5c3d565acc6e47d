/**
 * importDocument(): validates a whole import file, then writes it in one
 * SQLite transaction (docs/import-format.md) — one writer per kind of entity
 * (./writers/), called in the documented order. Upserts by natural key; deletes
 * only with `prune`; never touches an existing user's password; keeps every
 * line's counts equal to the sum of its transactions through the ledger.
 *
 * Speed: existing rows are loaded once into maps (lib/import/state.ts) and
 * every write goes through statements prepared once, inside the one
 * transaction — no query per entry (docs/performance.md).
 */
import 'server-only';
import type { Db } from '@/db/client';
import { lockUntilCommit } from '@/db/locks';
import { withTransaction } from '@/db/transaction';
import { hashPassword } from '@/lib/auth/password';
import { today as todayInAppTimeZone } from '@/lib/clock';
import { rebuildProductSummaries } from '@/lib/inventory/summaries';
import { rebuildOrderFigures } from '@/lib/orders/figures';
import { ImportValidationError } from './problems';
import { ENTITY_TYPES, frenchOf, usageCodeOf, type EntityType, type ImportDocument } from './schema';
import { benefitKey, licenseKey, loadExistingState, subscriptionKey, type ExistingState } from './state';
import { checkDocument, needsStoredTransactions, parseImportDocument, type ImportOptions, type TransactionPlan } from './validate';
import { writeBenefits } from './writers/benefits';
import { createWriteContext, type ImportSummary } from './writers/context';
import { writeHoldings } from './writers/holdings';
import { writeOrders } from './writers/orders';
import { writeAgreements, writeCustomers, writePartners, writePurchaseAccounts } from './writers/parties';
import { writePackages, writeProductFamilies, writeProducts } from './writers/catalogue';
import { writeUsers } from './writers/users';
import { statement } from '@/db/statements';

export { IMPORT_NOTE } from './writers/holdings';
export type { EntitySummary, ImportSummary } from './writers/context';

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
export async function importDocument(db: Db, input: unknown, options: ImportDocumentOptions = {}): Promise<ImportSummary> {
  const parsed = parseImportDocument(input);
  if (!parsed.ok) throw new ImportValidationError(parsed.problems);
  const doc = parsed.doc;

  // Hash the passwords of users who do not exist yet, before the (synchronous) transaction.
  const existing = new Set((await statement<{ email: string }>(db, 'select email from users').all()).map((row) => row.email.toLowerCase()));
  const newUsers = (doc.users ?? []).filter((user) => user.password !== undefined && !existing.has(user.email.toLowerCase()));
  if (newUsers.length > 0) {
    // Hashing takes a while: find out first whether the file is valid at all (it is checked again when written).
    const state = (await loadExistingState(db, { withTransactions: needsStoredTransactions(doc, options.prune ?? false) }));
    const problems = checkDocument(doc, state, options);
    if (problems.length > 0) throw new ImportValidationError(problems);
  }
  const hasher = options.passwordHasher ?? hashPassword;
  const hashes = new Map<string, string>();
  // scrypt at N=2^17 takes 128 MiB per hash: two at a time.
  const computed = await mapWithConcurrency(newUsers, 2, (user) => hasher(user.password!));
  newUsers.forEach((user, index) => hashes.set(user.email.toLowerCase(), computed[index]!));

  // One transaction for the whole document: read, check and write with no other writer in between.
  return withTransaction(db, async (tx) => {
    // PostgreSQL: one import at a time, and no ledger write meanwhile (each ledger transaction holds this lock
    // shared), so that the state read here stays true until the commit. SQLite's write lock already does both.
    await lockUntilCommit(tx, 'import', [0]);
    const state = await loadExistingState(tx, { withTransactions: needsStoredTransactions(doc, options.prune ?? false) });
    const plans = new Map<object, TransactionPlan>();
    const problems = checkDocument(doc, state, options, plans);
    if (problems.length > 0) throw new ImportValidationError(problems);
    return writeDocument(tx, doc, state, hashes, plans, options);
  });
}

/**
 * Writes a validated document, entity by entity in the documented order
 * (docs/import-format.md: each may refer to any entity written before it),
 * inside the caller's transaction; then prunes (when asked) and dates the
 * changed customers' data.
 */
async function writeDocument(
  db: Db,
  doc: ImportDocument,
  state: ExistingState,
  passwordHashes: Map<string, string>,
  plans: Map<object, TransactionPlan>,
  options: ImportDocumentOptions,
): Promise<ImportSummary> {
  const context = createWriteContext(db, doc, state, passwordHashes, plans, { ...options, today: options.today ?? todayInAppTimeZone() });
  for (const write of WRITERS) await write(context, doc);

  if (context.prune) await pruneAbsent(db, doc, state, context.summary, context.touched);

  const touch = context.prepare('update customers set data_updated_at = ? where id = ?');
  for (const customerId of context.touched) await touch.run(context.at, customerId);
  // Lines, orders, accounts and partners of record changed: their customers' figures kept on write, in this transaction.
  await rebuildProductSummaries(db, context.touched);
  await rebuildOrderFigures(db, context.touched);
  if (context.total === 0) options.onProgress?.(0, 0);
  return context.summary;
}

/** The writers, in the order of docs/import-format.md. */
const WRITERS = [
  writePartners,
  writeCustomers,
  writeAgreements,
  writeProductFamilies,
  writeProducts,
  writePackages,
  writePurchaseAccounts,
  writeOrders,
  writeHoldings,
  writeBenefits,
  writeUsers,
] as const;

/** Deletes, children first, the rows of the types present in the file that the file does not list. */
async function pruneAbsent(db: Db, doc: ImportDocument, state: ExistingState, summary: ImportSummary, touched: Set<number>): Promise<void> {
  const absent = <Row extends { id: number }>(table: { byKey: Map<string, Row> }, keys: Iterable<string>): Row[] => {
    const listed = new Set(keys);
    return [...table.byKey].filter(([key]) => !listed.has(key)).map(([, row]) => row);
  };
  const each = async (type: EntityType, rows: { id: number }[], statements: string[]) => {
    // Every statement takes the row's id as its one parameter.
    const prepared = statements.map((sql) => statement(db, sql));
    for (const row of rows) for (const each of prepared) await each.run(row.id);
    summary[type].deleted += rows.length;
  };

  // Inventory lines, with their history and the notices sent about them.
  const countTransactions = statement<{ n: number }>(db, 'select count(*) as n from inventory_transactions where line_id = ?');
  const lineKinds: ['licensePositions' | 'subscriptions', 'license' | 'subscription'][] = [
    ['licensePositions', 'license'],
    ['subscriptions', 'subscription'],
  ];
  for (const [type, kind] of lineKinds) {
    if (!doc[type]) continue;
    const keys =
      type === 'licensePositions'
        ? (doc.licensePositions ?? []).map((p) => licenseKey(p.account, p.product, frenchOf(p.edition), p.version ?? '', usageCodeOf(p.resourceUsage), p.package ?? null))
        : (doc.subscriptions ?? []).map((s) => subscriptionKey(s.account, s.product));
    const gone = absent(state.lines, keys).filter((line) => line.kind === kind);
    for (const line of gone) {
      const account = state.accounts.byId.get(line.purchaseAccountId);
      if (account) touched.add(account.customerId);
    }
    for (const line of gone) summary.transactions.deleted += (await countTransactions.get(line.id))?.n ?? 0;
    await each(type, gone, [
      'delete from notices_sent where line_id = ?',
      'delete from inventory_transactions where line_id = ?',
      'delete from inventory_lines where id = ?',
    ]);
  }
  if (doc.benefits) {
    const gone = absent(state.benefits, doc.benefits.map((b) => benefitKey(b.account, frenchOf(b.benefit), b.expires)));
    for (const b of gone) {
      const account = state.accounts.byId.get(b.purchaseAccountId);
      if (account) touched.add(account.customerId);
    }
    await each('benefits', gone, ['delete from software_assurance_benefits where id = ?']);
  }
  if (doc.users) {
    const gone = absent(state.users, doc.users.map((u) => u.email.toLowerCase()));
    await each('users', gone, [
      'delete from grant_accounts where grant_id in (select id from grants where user_id = ?)',
      'delete from grants where user_id = ?',
      'delete from notices_sent where user_id = ?',
      'delete from mail_outbox where user_id = ?',
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
    await each('orders', gone, ['delete from order_items where order_id = ?', 'delete from orders where id = ?']);
  }
  if (doc.purchaseAccounts) {
    const gone = absent(state.accounts, doc.purchaseAccounts.map((a) => a.number));
    for (const a of gone) touched.add(a.customerId);
    await each('purchaseAccounts', gone, [
      'update users set remembered_account_id = null where remembered_account_id = ?',
      'delete from purchase_accounts where id = ?',
    ]);
  }
  if (doc.packages) {
    await each('packages', absent(state.packages, doc.packages.map((p) => p.code)), [
      'delete from package_items where package_id = ?',
      'delete from packages where id = ?',
    ]);
  }
  if (doc.products) await each('products', absent(state.products, doc.products.map((p) => p.code)), ['delete from products where id = ?']);
  if (doc.productFamilies) {
    await each('productFamilies', absent(state.families, doc.productFamilies.map((f) => f.code)), ['delete from product_families where id = ?']);
  }
  if (doc.agreements) await each('agreements', absent(state.agreements, doc.agreements.map((a) => a.number)), ['delete from agreements where id = ?']);
  if (doc.customers) {
    const gone = absent(state.customers, doc.customers.map((c) => c.number));
    for (const c of gone) touched.delete(c.id);
    // The audit log outlives what it speaks of: its entries lose the link, not their words.
    await each('customers', gone, ['update audit_log set customer_id = null where customer_id = ?', 'delete from customers where id = ?']);
  }
  if (doc.partners) {
    await each('partners', absent(state.partners, doc.partners.map((p) => p.code)), ['update audit_log set partner_id = null where partner_id = ?', 'delete from partners where id = ?']);
  }
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
