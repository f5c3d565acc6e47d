/**
 * Validation of a whole import file before anything is written: the zod
 * structure, then every rule that needs the rest of the file or the database
 * (duplicate keys, references, ownership, product kinds, transaction sums,
 * what --prune would break). Every problem is returned, each with its path.
 */
import 'server-only';
import type { Db } from '@/db/client';
import type { ProductKind, TransactionKind } from '@/db/schema';
import { totalFits } from '@/lib/orders/money';
import { formatPath, zodIssuesToProblems, type ImportProblem } from './problems';
import { englishOf, frenchOf, importDocumentSchema, toMinorUnits, usageCodeOf, type EntityType, type ImportDocument } from './schema';
import {
  benefitKey,
  licenseKey,
  loadExistingState,
  packageItemKey,
  subscriptionKey,
  type ExistingState,
  type TransactionRow,
} from './state';

export interface ImportOptions {
  /** Delete rows of the entity types present in the file that the file does not list. */
  prune?: boolean;
}

export type ParseResult = { ok: true; doc: ImportDocument } | { ok: false; problems: ImportProblem[] };

/** The structural check alone (no database). */
export function parseImportDocument(input: unknown): ParseResult {
  const result = importDocumentSchema.safeParse(input);
  if (result.success) return { ok: true, doc: result.data };
  return { ok: false, problems: zodIssuesToProblems(result.error.issues, input) };
}

/** Whether checking and applying `doc` needs the stored transactions. */
export function needsStoredTransactions(doc: ImportDocument, prune: boolean): boolean {
  if (prune && doc.orders) return true;
  return Boolean(doc.licensePositions?.some((p) => p.transactions) || doc.subscriptions?.some((s) => s.transactions));
}

/** Parses and checks `input` against the database; `doc` is null when the structure is wrong. */
export async function validateImport(db: Db, input: unknown, options: ImportOptions = {}): Promise<{ doc: ImportDocument | null; problems: ImportProblem[] }> {
  const parsed = parseImportDocument(input);
  if (!parsed.ok) return { doc: null, problems: parsed.problems };
  const state = (await loadExistingState(db, { withTransactions: needsStoredTransactions(parsed.doc, options.prune ?? false) }));
  return { doc: parsed.doc, problems: checkDocument(parsed.doc, state, options) };
}

// ─── Transactions: identity and matching against the stored history ─────────

/** A transaction of the file, with every delta spelled out. */
export interface GivenTransaction {
  date: string;
  kind: TransactionKind;
  licenseDelta: number;
  saDelta: number;
  availableDelta: number;
  orderedDelta: number;
  order: string | null;
  /** The note's French form, or the only one given: part of the identity. */
  note: string | null;
  /** Its English form (null: the same); not part of the identity, so that a remark translated later updates the stored one. */
  noteEn: string | null;
}

export function transactionIdentity(t: GivenTransaction): string {
  return JSON.stringify([t.date, t.kind, t.licenseDelta, t.saDelta, t.availableDelta, t.orderedDelta, t.order, t.note]);
}

export function storedAsGiven(row: TransactionRow, orderNumberOf: (id: number) => string | undefined): GivenTransaction {
  return {
    date: row.occurredOn,
    kind: row.kind,
    licenseDelta: row.licenseDelta,
    saDelta: row.saDelta,
    availableDelta: row.availableDelta,
    orderedDelta: row.orderedDelta,
    order: row.orderId === null ? null : (orderNumberOf(row.orderId) ?? `#${row.orderId}`),
    note: row.note,
    noteEn: row.noteEn,
  };
}

export interface TransactionPlan {
  /** Indexes (in the file's list) of the transactions to append. */
  toAppend: number[];
  /** Stored transactions the file does not list: removed with --prune, otherwise kept. */
  unlisted: TransactionRow[];
  /** Stored transactions the file lists with another English form of their note: that form, to store. */
  translated: { id: number; noteEn: string | null }[];
}

/**
 * Matches the file's transactions of a line with the stored ones: a
 * transaction is identified by (date, kind, deltas, order, note), as a
 * multiset (two identical transactions in the file need two stored ones).
 */
export function planTransactions(
  given: GivenTransaction[],
  stored: TransactionRow[],
  orderNumberOf: (id: number) => string | undefined,
): TransactionPlan {
  const pool = new Map<string, TransactionRow[]>();
  for (const row of stored) {
    const identity = transactionIdentity(storedAsGiven(row, orderNumberOf));
    const list = pool.get(identity);
    if (list) list.push(row);
    else pool.set(identity, [row]);
  }
  const toAppend: number[] = [];
  const translated: TransactionPlan['translated'] = [];
  given.forEach((transaction, index) => {
    const list = pool.get(transactionIdentity(transaction));
    const match = list?.shift();
    if (!match) toAppend.push(index);
    else if ((match.noteEn ?? null) !== transaction.noteEn) translated.push({ id: match.id, noteEn: transaction.noteEn });
  });
  return { toAppend, unlisted: [...pool.values()].flat(), translated };
}

export function givenLicenseTransactions(position: NonNullable<ImportDocument['licensePositions']>[number]): GivenTransaction[] {
  return (position.transactions ?? []).map((t) => ({
    date: t.date,
    kind: t.kind,
    licenseDelta: t.licenseDelta ?? 0,
    saDelta: t.saDelta ?? 0,
    availableDelta: 0,
    orderedDelta: 0,
    order: t.order ?? null,
    note: t.note === undefined ? null : frenchOf(t.note),
    noteEn: englishOf(t.note),
  }));
}

export function givenSubscriptionTransactions(subscription: NonNullable<ImportDocument['subscriptions']>[number]): GivenTransaction[] {
  return (subscription.transactions ?? []).map((t) => ({
    date: t.date,
    kind: t.kind,
    licenseDelta: 0,
    saDelta: 0,
    availableDelta: t.availableDelta ?? 0,
    orderedDelta: t.orderedDelta ?? 0,
    order: t.order ?? null,
    note: t.note === undefined ? null : frenchOf(t.note),
    noteEn: englishOf(t.note),
  }));
}

// ─── The checks ─────────────────────────────────────────────────────────────

const NAMES: Record<EntityType, { one: string; many: string }> = {
  partners: { one: 'partner', many: 'partners' },
  customers: { one: 'customer', many: 'customers' },
  agreements: { one: 'agreement', many: 'agreements' },
  productFamilies: { one: 'product family', many: 'product families' },
  products: { one: 'product', many: 'products' },
  packages: { one: 'package', many: 'packages' },
  purchaseAccounts: { one: 'purchase account', many: 'purchase accounts' },
  orders: { one: 'order', many: 'orders' },
  licensePositions: { one: 'licence position', many: 'licence positions' },
  subscriptions: { one: 'subscription', many: 'subscriptions' },
  benefits: { one: 'benefit', many: 'benefits' },
  users: { one: 'user', many: 'users' },
};

const isLicenceKind = (kind: ProductKind) => kind !== 'online_service';

interface AccountInfo {
  customer: string;
  agreement: string;
  partner: string;
}

/**
 * Checks a structurally valid document against the rest of itself and the
 * loaded database state. `plans`, when given, receives the transaction plan
 * of each line entry listing its transactions (the importer reuses them).
 *
 * One step per part of the file, in the file's order; each step adds its
 * problems to the same list, which is then sorted by where they are in the
 * file.
 */
export function checkDocument(
  doc: ImportDocument,
  state: ExistingState,
  options: ImportOptions = {},
  plans?: Map<object, TransactionPlan>,
): ImportProblem[] {
  const check = startCheck(doc, state, options.prune ?? false, plans);
  const known = whatExistsAfterImport(check);
  checkOrganisations(check, known);
  checkCatalogue(check, known);
  checkPurchaseAccounts(check, known);
  checkOrders(check, known);
  checkLicensePositions(check, known);
  checkSubscriptions(check, known);
  checkBenefits(check, known);
  checkUsers(check, known);
  if (check.prune) checkPruneKeepsReferences(doc, state, check.add, check.pruned);
  return inDocumentOrder(check.problems);
}

/** What every step of checkDocument shares: the document, the stored state, and the list the problems go to. */
interface Check {
  doc: ImportDocument;
  state: ExistingState;
  prune: boolean;
  plans: Map<object, TransactionPlan> | undefined;
  problems: ImportProblem[];
  add: (path: readonly PropertyKey[], message: string) => void;
  /** Whether --prune replaces the stored rows of `type` by the file's. */
  pruned: (type: EntityType) => boolean;
  /** The message for a reference to a `type` that will not exist after the import. */
  missing: (type: EntityType, key: string) => string;
  /** Reports entries whose key repeats an earlier entry's; returns the first index of each key. */
  firstIndexes: <T>(type: EntityType, entries: T[] | undefined, keyOf: (entry: T) => string, keyWords: string) => Map<string, number>;
}

function startCheck(doc: ImportDocument, state: ExistingState, prune: boolean, plans: Map<object, TransactionPlan> | undefined): Check {
  const problems: ImportProblem[] = [];
  const add = (path: readonly PropertyKey[], message: string) => problems.push({ path: formatPath(path), message });
  const pruned = (type: EntityType) => prune && doc[type] !== undefined;
  const missing = (type: EntityType, key: string) =>
    `${NAMES[type].one} ${JSON.stringify(key)} is not in this file${
      pruned(type) ? ` (with --prune, the database's ${NAMES[type].many} not in the file are deleted)` : ' nor in the database'
    }`;

  function firstIndexes<T>(type: EntityType, entries: T[] | undefined, keyOf: (entry: T) => string, keyWords: string): Map<string, number> {
    const first = new Map<string, number>();
    (entries ?? []).forEach((entry, index) => {
      const key = keyOf(entry);
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, index);
      else add([type, index], `repeats ${type}[${earlier}] (same ${keyWords}); each ${NAMES[type].one} must appear once`);
    });
    return first;
  }

  return { doc, state, prune, plans, problems, add, pruned, missing, firstIndexes };
}

/**
 * What exists after the import, by natural key: the file over the database
 * (only the file for a type that --prune replaces). Reports the repeated keys
 * of agreements, products, packages, purchase accounts and orders on the way.
 */
function whatExistsAfterImport(check: Check) {
  const { doc, state, pruned, firstIndexes } = check;
  const resolved = <Row, V>(type: EntityType, table: { byKey: Map<string, Row> }, fromDb: (row: Row) => V | undefined): Map<string, V> => {
    const map = new Map<string, V>();
    if (!pruned(type)) {
      for (const [key, row] of table.byKey) {
        const value = fromDb(row);
        if (value !== undefined) map.set(key, value);
      }
    }
    return map;
  };

  const partners = resolved('partners', state.partners, () => true);
  for (const p of doc.partners ?? []) partners.set(p.code, true);
  const customers = resolved('customers', state.customers, () => true);
  for (const c of doc.customers ?? []) customers.set(c.number, true);
  const agreementCustomer = resolved('agreements', state.agreements, (row) => state.customers.keyOf.get(row.customerId));
  const fileAgreements = firstIndexes('agreements', doc.agreements, (a) => a.number, 'number');
  for (const [number, index] of fileAgreements) agreementCustomer.set(number, doc.agreements![index]!.customer);
  const families = resolved('productFamilies', state.families, () => true);
  for (const f of doc.productFamilies ?? []) families.set(f.code, true);
  const productKind = resolved('products', state.products, (row) => row.kind);
  const fileProducts = firstIndexes('products', doc.products, (p) => p.code, 'code');
  for (const [code, index] of fileProducts) productKind.set(code, doc.products![index]!.kind);
  const packageProducts = resolved('packages', state.packages, (row) =>
    new Set((state.packageItems.get(row.id) ?? []).map((item) => state.products.keyOf.get(item.productId) ?? '')),
  );
  const filePackages = firstIndexes('packages', doc.packages, (p) => p.code, 'code');
  for (const [code, index] of filePackages) packageProducts.set(code, new Set(doc.packages![index]!.items.map((item) => item.product)));
  const accounts = resolved('purchaseAccounts', state.accounts, (row): AccountInfo => ({
    customer: state.customers.keyOf.get(row.customerId) ?? '',
    agreement: state.agreements.keyOf.get(row.agreementId) ?? '',
    partner: state.partners.keyOf.get(row.partnerId) ?? '',
  }));
  const fileAccounts = firstIndexes('purchaseAccounts', doc.purchaseAccounts, (a) => a.number, 'number');
  for (const [number, index] of fileAccounts) {
    const a = doc.purchaseAccounts![index]!;
    accounts.set(number, { customer: a.customer, agreement: a.agreement, partner: a.partner });
  }
  const orderAccount = resolved('orders', state.orders, (row) => state.accounts.keyOf.get(row.purchaseAccountId));
  const fileOrders = firstIndexes('orders', doc.orders, (o) => o.number, 'number');
  for (const [number, index] of fileOrders) orderAccount.set(number, doc.orders![index]!.account);

  return { partners, customers, agreementCustomer, families, productKind, packageProducts, accounts, orderAccount };
}

type Known = ReturnType<typeof whatExistsAfterImport>;

/** Partners and customers appear once; an agreement names a known customer and does not end before it starts. */
function checkOrganisations({ doc, add, missing, firstIndexes }: Check, { customers }: Known) {
  firstIndexes('partners', doc.partners, (p) => p.code, 'code');
  firstIndexes('customers', doc.customers, (c) => c.number, 'number');
  (doc.agreements ?? []).forEach((a, i) => {
    if (!customers.has(a.customer)) add(['agreements', i, 'customer'], missing('customers', a.customer));
    if (a.startsOn && a.endsOn && a.endsOn < a.startsOn) add(['agreements', i, 'endsOn'], `ends on ${a.endsOn}, before it starts (${a.startsOn})`);
  });
}

/**
 * Families appear once; a product names a known family and keeps the kind its
 * stored lines need (licence or online service); a package's items name
 * known products, each product, edition and version once.
 */
function checkCatalogue({ doc, state, add, missing, pruned, firstIndexes }: Check, { families, productKind }: Known) {
  firstIndexes('productFamilies', doc.productFamilies, (f) => f.code, 'code');
  const linesOfProduct = new Map<number, { license: boolean; subscription: boolean }>();
  for (const line of state.lines.byId.values()) {
    const entry = linesOfProduct.get(line.productId) ?? { license: false, subscription: false };
    entry[line.kind] = true;
    linesOfProduct.set(line.productId, entry);
  }
  (doc.products ?? []).forEach((p, i) => {
    if (!families.has(p.family)) add(['products', i, 'family'], missing('productFamilies', p.family));
    const stored = state.products.byKey.get(p.code);
    const held = stored && linesOfProduct.get(stored.id);
    if (held && p.kind === 'online_service' && held.license && !pruned('licensePositions')) {
      add(['products', i, 'kind'], `product ${JSON.stringify(p.code)} has licence positions in the database, so it cannot become an online service`);
    }
    if (held && p.kind !== 'online_service' && held.subscription && !pruned('subscriptions')) {
      add(['products', i, 'kind'], `product ${JSON.stringify(p.code)} has online service subscriptions in the database, so it must stay an online service`);
    }
  });
  (doc.packages ?? []).forEach((p, i) => {
    const seen = new Map<string, number>();
    p.items.forEach((item, j) => {
      if (!productKind.has(item.product)) add(['packages', i, 'items', j, 'product'], missing('products', item.product));
      const itemKey = packageItemKey(item.product, item.edition ?? '', item.version ?? '');
      const earlier = seen.get(itemKey);
      if (earlier !== undefined) add(['packages', i, 'items', j], `repeats items[${earlier}] (same product, edition and version)`);
      else seen.set(itemKey, j);
    });
  });
}

/** A purchase account names a known customer and partner, and an agreement of that same customer. */
function checkPurchaseAccounts({ doc, add, missing }: Check, { customers, partners, agreementCustomer }: Known) {
  (doc.purchaseAccounts ?? []).forEach((a, i) => {
    if (!customers.has(a.customer)) add(['purchaseAccounts', i, 'customer'], missing('customers', a.customer));
    if (!partners.has(a.partner)) add(['purchaseAccounts', i, 'partner'], missing('partners', a.partner));
    const owner = agreementCustomer.get(a.agreement);
    if (owner === undefined) add(['purchaseAccounts', i, 'agreement'], missing('agreements', a.agreement));
    else if (owner !== a.customer) {
      add(
        ['purchaseAccounts', i, 'agreement'],
        `agreement ${JSON.stringify(a.agreement)} belongs to customer ${JSON.stringify(owner)}, not to this account's customer ${JSON.stringify(a.customer)}`,
      );
    }
  });
}

/** An order names a known partner, account and products; its prices fit its currency and its total can be kept exactly. */
function checkOrders({ doc, add, missing }: Check, { partners, accounts, productKind }: Known) {
  (doc.orders ?? []).forEach((o, i) => {
    if (!partners.has(o.partner)) add(['orders', i, 'partner'], missing('partners', o.partner));
    if (!accounts.has(o.account)) add(['orders', i, 'account'], missing('purchaseAccounts', o.account));
    o.items.forEach((item, j) => {
      if (!productKind.has(item.product)) add(['orders', i, 'items', j, 'product'], missing('products', item.product));
      if (item.unitPrice !== undefined && toMinorUnits(item.unitPrice, o.currency) === null) {
        add(['orders', i, 'items', j, 'unitPrice'], `${item.unitPrice} has more decimals than ${o.currency ?? 'the currency'} allows`);
      }
    });
    // The order's total is kept exactly in minor units: prices and quantities whose sum would not fit are refused.
    const priced = o.items.map((item) => ({ quantity: item.quantity, unitPriceMinor: item.unitPrice === undefined ? null : toMinorUnits(item.unitPrice, o.currency) }));
    if (!totalFits(priced)) add(['orders', i, 'items'], 'the total of these prices and quantities is too large to be kept exactly');
  });
}

/**
 * A line's transactions name orders of its own account; when the file lists
 * them, they (with the stored ones the file does not list, kept unless
 * --prune) add up to the counts the line states. Records the line's plan.
 */
function checkTransactions(
  { state, prune, plans, add, missing }: Check,
  { orderAccount }: Known,
  entry: object,
  type: 'licensePositions' | 'subscriptions',
  index: number,
  account: string,
  given: GivenTransaction[],
  listed: boolean,
  storedLineId: number | undefined,
  stated: Record<string, number>,
) {
  const orderNumberOf = (id: number) => state.orders.keyOf.get(id);
  given.forEach((t, j) => {
    if (t.order === null) return;
    const owner = orderAccount.get(t.order);
    if (owner === undefined) add([type, index, 'transactions', j, 'order'], missing('orders', t.order));
    else if (owner !== account) {
      add([type, index, 'transactions', j, 'order'], `order ${JSON.stringify(t.order)} is for purchase account ${JSON.stringify(owner)}, not ${JSON.stringify(account)}`);
    }
  });
  if (!listed) return;
  const stored = storedLineId === undefined ? [] : (state.transactions?.get(storedLineId) ?? []);
  const plan = planTransactions(given, stored, orderNumberOf);
  plans?.set(entry, plan);
  const kept = prune ? [] : plan.unlisted;
  for (const [field, statedValue] of Object.entries(stated)) {
    const deltaField = (
      { licenseCount: 'licenseDelta', saCount: 'saDelta', available: 'availableDelta', ordered: 'orderedDelta' } as const
    )[field as 'licenseCount' | 'saCount' | 'available' | 'ordered'];
    const fromFile = given.reduce((sum, t) => sum + t[deltaField], 0);
    const fromKept = kept.reduce((sum, t) => sum + t[deltaField], 0);
    if (fromFile + fromKept !== statedValue) {
      add(
        [type, index],
        `${field} is ${statedValue} but its transactions add up to ${fromFile + fromKept}` +
          (kept.length > 0
            ? ` (${fromFile} from the file's transactions and ${fromKept} from ${kept.length} stored transaction${kept.length === 1 ? '' : 's'} the file does not list, which are kept unless --prune)`
            : ''),
      );
    }
  }
}

/** A line's package, when it names one, exists and contains the line's product. */
function checkPackage({ add, missing }: Check, { packageProducts }: Known, path: PropertyKey[], pkg: string | undefined, product: string) {
  if (pkg === undefined) return;
  const contents = packageProducts.get(pkg);
  if (!contents) add(path, missing('packages', pkg));
  else if (!contents.has(product)) add(path, `package ${JSON.stringify(pkg)} does not contain product ${JSON.stringify(product)}`);
}

/** A licence position appears once, names a known account and a licence product (not an online service), and its transactions add up. */
function checkLicensePositions(check: Check, known: Known) {
  const { doc, state, add, missing, firstIndexes } = check;
  const { accounts, productKind } = known;
  firstIndexes(
    'licensePositions',
    doc.licensePositions,
    (p) => licenseKey(p.account, p.product, frenchOf(p.edition), p.version ?? '', usageCodeOf(p.resourceUsage), p.package ?? null),
    'account, product, edition, version, resource usage and package',
  );
  (doc.licensePositions ?? []).forEach((p, i) => {
    if (!accounts.has(p.account)) add(['licensePositions', i, 'account'], missing('purchaseAccounts', p.account));
    const kind = productKind.get(p.product);
    if (kind === undefined) add(['licensePositions', i, 'product'], missing('products', p.product));
    else if (!isLicenceKind(kind)) {
      add(['licensePositions', i, 'product'], `product ${JSON.stringify(p.product)} is an online service: list it under subscriptions`);
    }
    checkPackage(check, known, ['licensePositions', i, 'package'], p.package, p.product);
    const stored = state.lines.byKey.get(
      licenseKey(p.account, p.product, frenchOf(p.edition), p.version ?? '', usageCodeOf(p.resourceUsage), p.package ?? null),
    );
    checkTransactions(check, known, p, 'licensePositions', i, p.account, givenLicenseTransactions(p), p.transactions !== undefined, stored?.id, {
      licenseCount: p.licenseCount,
      saCount: p.saCount,
    });
  });
}

/**
 * A subscription appears once, names a known account and an online service;
 * a self-provisioning raises available subscriptions only; its transactions
 * add up.
 */
function checkSubscriptions(check: Check, known: Known) {
  const { doc, state, add, missing, firstIndexes } = check;
  const { accounts, productKind } = known;
  firstIndexes('subscriptions', doc.subscriptions, (s) => subscriptionKey(s.account, s.product), 'account and product');
  (doc.subscriptions ?? []).forEach((s, i) => {
    if (!accounts.has(s.account)) add(['subscriptions', i, 'account'], missing('purchaseAccounts', s.account));
    const kind = productKind.get(s.product);
    if (kind === undefined) add(['subscriptions', i, 'product'], missing('products', s.product));
    else if (isLicenceKind(kind)) {
      add(['subscriptions', i, 'product'], `product ${JSON.stringify(s.product)} is not an online service (${kind}): list it under licensePositions`);
    }
    checkPackage(check, known, ['subscriptions', i, 'package'], s.package, s.product);
    (s.transactions ?? []).forEach((t, j) => {
      if (t.kind === 'self_provisioning' && (t.orderedDelta ?? 0) !== 0) {
        add(['subscriptions', i, 'transactions', j, 'orderedDelta'], 'a self-provisioning raises available subscriptions only; it cannot change ordered ones');
      }
    });
    const stored = state.lines.byKey.get(subscriptionKey(s.account, s.product));
    checkTransactions(check, known, s, 'subscriptions', i, s.account, givenSubscriptionTransactions(s), s.transactions !== undefined, stored?.id, {
      available: s.available,
      ordered: s.ordered,
    });
  });
}

/** A benefit appears once, names a known account, and is not used more than it is entitled. */
function checkBenefits({ doc, add, missing, firstIndexes }: Check, { accounts }: Known) {
  firstIndexes('benefits', doc.benefits, (b) => benefitKey(b.account, frenchOf(b.benefit), b.expires), 'account, benefit and expiry');
  (doc.benefits ?? []).forEach((b, i) => {
    if (!accounts.has(b.account)) add(['benefits', i, 'account'], missing('purchaseAccounts', b.account));
    if (b.used > b.entitled) add(['benefits', i, 'used'], `${b.used} used is more than the ${b.entitled} entitled`);
  });
}

/**
 * A user appears once (e-mail without case); each grant once, naming a known
 * partner or customer; an account viewer's accounts exist and belong to the
 * grant's customer.
 */
function checkUsers({ doc, add, missing, firstIndexes }: Check, { partners, customers, accounts }: Known) {
  firstIndexes('users', doc.users, (u) => u.email.toLowerCase(), 'e-mail address, compared without case');
  (doc.users ?? []).forEach((u, i) => {
    const seen = new Map<string, number>();
    u.grants.forEach((g, j) => {
      const scope = g.role === 'partner_user' ? g.partner : g.customer;
      const earlier = seen.get(`${g.role} ${scope}`);
      if (earlier !== undefined) add(['users', i, 'grants', j], `repeats grants[${earlier}] (same role and scope)`);
      else seen.set(`${g.role} ${scope}`, j);
      if (g.role === 'partner_user') {
        if (!partners.has(g.partner)) add(['users', i, 'grants', j, 'partner'], missing('partners', g.partner));
        return;
      }
      if (!customers.has(g.customer)) add(['users', i, 'grants', j, 'customer'], missing('customers', g.customer));
      if (g.role === 'account_viewer') {
        g.accounts.forEach((number, k) => {
          const account = accounts.get(number);
          if (!account) add(['users', i, 'grants', j, 'accounts', k], missing('purchaseAccounts', number));
          else if (account.customer !== g.customer) {
            add(
              ['users', i, 'grants', j, 'accounts', k],
              `purchase account ${JSON.stringify(number)} belongs to customer ${JSON.stringify(account.customer)}, not to the grant's customer ${JSON.stringify(g.customer)}`,
            );
          }
        });
      }
    });
  });
}

const TYPE_ORDER = ['$schema', 'version', 'partners', 'customers', 'agreements', 'productFamilies', 'products', 'packages', 'purchaseAccounts', 'licensePositions', 'subscriptions', 'orders', 'benefits', 'users'];

/** Sorts problems by where they are in the file (entity type, then entry), dropping repeats. */
export function inDocumentOrder(problems: ImportProblem[]): ImportProblem[] {
  const rank = (path: string) => {
    const match = /^([A-Za-z$]+)(?:\[(\d+)\])?/.exec(path);
    const type = TYPE_ORDER.indexOf(match?.[1] ?? '');
    return [type === -1 ? TYPE_ORDER.length : type, match?.[2] === undefined ? -1 : Number(match[2])] as const;
  };
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const id = `${p.path}\u0000${p.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .map((problem, order) => ({ problem, order, rank: rank(problem.path) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.order - b.order)
    .map((entry) => entry.problem);
}

/**
 * With --prune, a row that the file does not list is deleted; rows of types
 * the file does not contain are kept, and must not point at deleted rows.
 */
function checkPruneKeepsReferences(
  doc: ImportDocument,
  state: ExistingState,
  add: (path: readonly PropertyKey[], message: string) => void,
  pruned: (type: EntityType) => boolean,
): void {
  const deleted = (type: EntityType, table: { byKey: Map<string, { id: number }> }, fileKeys: Iterable<string>): Set<number> => {
    const ids = new Set<number>();
    if (!pruned(type)) return ids;
    const keep = new Set(fileKeys);
    for (const [key, row] of table.byKey) if (!keep.has(key)) ids.add(row.id);
    return ids;
  };
  const goneCustomers = deleted('customers', state.customers, (doc.customers ?? []).map((c) => c.number));
  const goneAgreements = deleted('agreements', state.agreements, (doc.agreements ?? []).map((a) => a.number));
  const gonePartners = deleted('partners', state.partners, (doc.partners ?? []).map((p) => p.code));
  const goneFamilies = deleted('productFamilies', state.families, (doc.productFamilies ?? []).map((f) => f.code));
  const goneProducts = deleted('products', state.products, (doc.products ?? []).map((p) => p.code));
  const gonePackages = deleted('packages', state.packages, (doc.packages ?? []).map((p) => p.code));
  const goneAccounts = deleted('purchaseAccounts', state.accounts, (doc.purchaseAccounts ?? []).map((a) => a.number));
  const goneOrders = deleted('orders', state.orders, (doc.orders ?? []).map((o) => o.number));

  const report = (type: EntityType, table: { keyOf: Map<number, string> }, id: number, dependent: string) =>
    add(
      [type],
      `${NAMES[type].one} ${JSON.stringify(table.keyOf.get(id) ?? String(id))} is not in this file, so --prune would delete it, but ${dependent} (in the database; its type is not in this file, so it is kept) refers to it; add it to the file or list the dependent entries too`,
    );

  if (!pruned('agreements')) {
    for (const a of state.agreements.byId.values()) {
      if (goneCustomers.has(a.customerId)) report('customers', state.customers, a.customerId, `agreement ${JSON.stringify(a.number)}`);
    }
  }
  if (!pruned('purchaseAccounts')) {
    for (const a of state.accounts.byId.values()) {
      const what = `purchase account ${JSON.stringify(a.number)}`;
      if (goneCustomers.has(a.customerId)) report('customers', state.customers, a.customerId, what);
      if (goneAgreements.has(a.agreementId)) report('agreements', state.agreements, a.agreementId, what);
      if (gonePartners.has(a.partnerId)) report('partners', state.partners, a.partnerId, what);
    }
  }
  if (!pruned('products')) {
    for (const p of state.products.byId.values()) {
      if (goneFamilies.has(p.familyId)) report('productFamilies', state.families, p.familyId, `product ${JSON.stringify(p.code)}`);
    }
  }
  if (!pruned('packages')) {
    for (const [packageId, items] of state.packageItems) {
      for (const item of items) {
        if (goneProducts.has(item.productId)) {
          report('products', state.products, item.productId, `package ${JSON.stringify(state.packages.keyOf.get(packageId) ?? '')}`);
        }
      }
    }
  }
  for (const line of state.lines.byId.values()) {
    if (pruned(line.kind === 'license' ? 'licensePositions' : 'subscriptions')) continue;
    const what = `the ${line.kind === 'license' ? 'licence position' : 'subscription'} of ${JSON.stringify(state.products.keyOf.get(line.productId) ?? '')} on purchase account ${JSON.stringify(state.accounts.keyOf.get(line.purchaseAccountId) ?? '')}`;
    if (goneAccounts.has(line.purchaseAccountId)) report('purchaseAccounts', state.accounts, line.purchaseAccountId, what);
    if (goneProducts.has(line.productId)) report('products', state.products, line.productId, what);
    if (line.packageId !== null && gonePackages.has(line.packageId)) report('packages', state.packages, line.packageId, what);
  }
  if (!pruned('orders')) {
    for (const o of state.orders.byId.values()) {
      const what = `order ${JSON.stringify(o.number)}`;
      if (goneAccounts.has(o.purchaseAccountId)) report('purchaseAccounts', state.accounts, o.purchaseAccountId, what);
      if (gonePartners.has(o.partnerId)) report('partners', state.partners, o.partnerId, what);
      if (goneAgreements.has(o.agreementId)) report('agreements', state.agreements, o.agreementId, what);
      for (const item of state.orderItems.get(o.id) ?? []) {
        if (goneProducts.has(item.productId)) report('products', state.products, item.productId, what);
      }
    }
  }
  if (!pruned('benefits')) {
    for (const b of state.benefits.byId.values()) {
      if (goneAccounts.has(b.purchaseAccountId)) {
        report('purchaseAccounts', state.accounts, b.purchaseAccountId, `the benefit ${JSON.stringify(b.benefit)} expiring ${b.expiresOn}`);
      }
    }
  }
  if (!pruned('users')) {
    for (const [userId, list] of state.grants) {
      const what = `a grant of user ${JSON.stringify(state.users.keyOf.get(userId) ?? '')}`;
      for (const g of list) {
        if (g.customerId !== null && goneCustomers.has(g.customerId)) report('customers', state.customers, g.customerId, what);
        if (g.partnerId !== null && gonePartners.has(g.partnerId)) report('partners', state.partners, g.partnerId, what);
        for (const accountId of g.accountIds) if (goneAccounts.has(accountId)) report('purchaseAccounts', state.accounts, accountId, what);
      }
    }
  }
  if (goneOrders.size > 0 && state.transactions) {
    // Stored transactions that stay: all those of lines whose type is not in
    // the file, and of lines the file lists without their transactions.
    const keptHistory = new Set<number>();
    const listedLines = new Map<number, boolean>();
    for (const p of doc.licensePositions ?? []) {
      const line = state.lines.byKey.get(licenseKey(p.account, p.product, frenchOf(p.edition), p.version ?? '', usageCodeOf(p.resourceUsage), p.package ?? null));
      if (line) listedLines.set(line.id, p.transactions !== undefined);
    }
    for (const s of doc.subscriptions ?? []) {
      const line = state.lines.byKey.get(subscriptionKey(s.account, s.product));
      if (line) listedLines.set(line.id, s.transactions !== undefined);
    }
    for (const line of state.lines.byId.values()) {
      const typePruned = pruned(line.kind === 'license' ? 'licensePositions' : 'subscriptions');
      if (!typePruned || listedLines.get(line.id) === false) keptHistory.add(line.id);
    }
    for (const lineId of keptHistory) {
      for (const t of state.transactions.get(lineId) ?? []) {
        if (t.orderId !== null && goneOrders.has(t.orderId)) {
          const line = state.lines.byId.get(lineId)!;
          report(
            'orders',
            state.orders,
            t.orderId,
            `a transaction of ${JSON.stringify(state.products.keyOf.get(line.productId) ?? '')} on purchase account ${JSON.stringify(state.accounts.keyOf.get(line.purchaseAccountId) ?? '')}`,
          );
        }
      }
    }
  }
}
