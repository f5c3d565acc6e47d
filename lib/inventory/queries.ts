/**
 * The inventory as a viewer may see it: products
 * grouped by family, paged, with their lines; the packages split; a line's
 * history. Every query is scoped by accountScope(viewer).
 */
import type { Db } from '@/db/client';
import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { dialectOf } from '@/db/dialect';
import { customers, inventoryLines, inventoryTransactions, orders, packages, productFamilies, products, productSummaries, purchaseAccounts, users, type Locale, type ProductKind, type TransactionKind } from '@/db/schema';
import { accountScope, summaryScope, type Viewer } from '@/lib/auth/scope';
import { localNameSql } from '@/lib/i18n/names';
import { closestNames } from '@/lib/search/closest';
import { searchTerms } from '@/lib/search/normalize';
import { statement, type Param } from '@/db/statements';

export const PRODUCTS_PAGE_SIZE = 25;

/** Which accounts the view covers: one account (by id), or every account in scope. */
export type AccountFilter = { accountId: number } | 'all';

export interface InventoryFilters {
  accounts: AccountFilter;
  /** Search text (`q`): start of words of product, family, edition, version. */
  query?: string;
  /** Split holdings bought separately from those bought through packages (`packages=1`). */
  packages?: boolean;
  /**
   * Where product rows are added up: from the product summaries when they can
   * answer (every account in scope, no search, a viewer whose scope is a whole
   * customer or a partner's part of it), else from the lines. Tests force
   * `lines` to compare the two.
   */
  source?: 'auto' | 'lines';
  /** The reader's language: names (product, family, package, edition) in it, falling back to the other form; French when absent. */
  locale?: Locale;
  /**
   * Set by the query functions themselves (withProductMatches), not by
   * callers: per search term, the catalogue's products whose own text
   * matches it, when the engine takes such lists as a parameter.
   */
  productMatches?: number[][];
}

export interface Totals {
  licenseCount: number;
  saCount: number;
  availableCount: number;
  orderedCount: number;
}

/** One product row (collapsed): in the packages view, one per (package, product). */
export interface ProductGroup {
  key: string;
  productId: number;
  productCode: string;
  productName: string;
  familyName: string;
  kind: ProductKind;
  managementUrl: string | null;
  packageId: number | null;
  packageName: string | null;
  lineCount: number;
  totals: Totals;
  /** The earliest next expiration among the lines: the most urgent marker. */
  earliestExpiration: string | null;
}

export interface InventoryLineRow {
  id: number;
  kind: 'license' | 'subscription';
  productId: number;
  packageId: number | null;
  /** The package the holding was acquired through, if any. */
  packageName: string | null;
  edition: string;
  version: string;
  accountNumber: string;
  accountName: string;
  resourceUsage: string;
  licenseCount: number;
  saCount: number;
  availableCount: number;
  orderedCount: number;
  nextExpiration: string | null;
}

function baseConditions(db: Db, viewer: Viewer, filters: InventoryFilters): SQL {
  const conditions: (SQL | undefined)[] = [accountScope(viewer)];
  if (filters.accounts !== 'all') conditions.push(eq(inventoryLines.purchaseAccountId, filters.accounts.accountId));
  conditions.push(...searchConditions(db, filters.query, filters.productMatches));
  return and(...conditions)!;
}

/**
 * Each search term must start a word of the product's text (name, family) or
 * of the line's own (edition, version, resource usage). Both are stored
 * folded with a leading space, so "contains ' term'" is the word-prefix
 * test (the same as `LIKE '% term%'`, without the pattern machinery). The
 * product side is a list of the catalogue's matching products, built once per
 * query and tested on the lines already read (dialect.inList: never used by
 * SQLite to drive an index lookup per account and product, made once for
 * the statement by PostgreSQL) — the lines come from
 * inventory_lines_account_lines_idx, which holds the line's text and counts,
 * so a search reads no table row.
 */
function searchConditions(db: Db, query: string | undefined, productMatches?: number[][]): SQL[] {
  const dialect = dialectOf(db);
  return searchTerms(query ?? '').map((term, index) => {
    const needle = ` ${term}`;
    const matches = productMatches?.[index];
    const productSide = matches
      ? dialect.oneOf(inventoryLines.productId, matches)
      : sql`+${inventoryLines.productId} in (select ${products.id} from ${products} where ${dialect.contains(products.search, needle)})`;
    return sql`(${dialect.contains(inventoryLines.search, needle)} or ${productSide})`;
  });
}

/**
 * The filters with, per search term, the catalogue's products whose own text
 * matches it, looked up before the query — on the engines that plan such a
 * list best as a parameter (db/dialect.ts, idLists). A catalogue-sized
 * lookup per term, sent together; nothing to do without a search or on SQLite.
 */
async function withProductMatches(db: Db, filters: InventoryFilters): Promise<InventoryFilters> {
  const dialect = dialectOf(db);
  const terms = searchTerms(filters.query ?? '');
  if (dialect.idLists === 'inline' || terms.length === 0 || filters.productMatches) return filters;
  const productMatches = await Promise.all(
    terms.map(async (term) => (await db.select({ id: products.id }).from(products).where(dialect.contains(products.search, ` ${term}`))).map((row) => row.id)),
  );
  return { ...filters, productMatches };
}

/** A row of the grouped query, before its counts are gathered into `totals`. */
type GroupRow = Omit<ProductGroup, 'key' | 'totals'> & Totals;

function toGroup(row: GroupRow): ProductGroup {
  return {
    key: row.packageId ? `${row.packageId}-${row.productId}` : String(row.productId),
    productId: row.productId,
    productCode: row.productCode,
    productName: row.productName,
    familyName: row.familyName,
    kind: row.kind,
    managementUrl: row.managementUrl,
    packageId: row.packageId,
    packageName: row.packageName,
    lineCount: Number(row.lineCount),
    totals: {
      licenseCount: Number(row.licenseCount),
      saCount: Number(row.saCount),
      availableCount: Number(row.availableCount),
      orderedCount: Number(row.orderedCount),
    },
    earliestExpiration: row.earliestExpiration,
  };
}

/**
 * The grouped query: one row per product (or per package and product in the
 * packages view), ordered as shown — products bought separately first, by
 * family then product; then packages by name. Its rows come from the product
 * summaries when they can answer (every account in scope, no search, a viewer
 * whose scope is a whole customer or a partner's part of it), else from the
 * lines in the view; either source has the summaries' shape.
 */
function groupQuery(db: Db, viewer: Viewer, filters: InventoryFilters, options: { withTotal?: boolean } = {}) {
  const scope = filters.source === 'lines' || filters.accounts !== 'all' || searchTerms(filters.query ?? '').length > 0 ? null : summaryScope(viewer);
  const source = scope ? summarySource(db, scope) : lineSource(db, viewer, filters);
  const split = Boolean(filters.packages);
  const locale = filters.locale ?? 'fr';
  const productName = localNameSql(products.name, products.nameEn, locale);
  const familyName = localNameSql(productFamilies.name, productFamilies.nameEn, locale);
  const packageName = localNameSql(packages.name, packages.nameEn, locale);
  const query = db
    .select({
      // `count(*) over ()` is computed after the grouping: the number of product rows, on every row.
      ...(options.withTotal ? { totalGroups: sql<number>`count(*) over ()`.mapWith(Number) } : {}),
      productId: products.id,
      productCode: products.code,
      productName,
      familyName,
      kind: products.kind,
      managementUrl: products.managementUrl,
      lineCount: sql<number>`sum(${source.lineCount})`.mapWith(Number),
      licenseCount: sql<number>`sum(${source.licenseCount})`.mapWith(Number),
      saCount: sql<number>`sum(${source.saCount})`.mapWith(Number),
      availableCount: sql<number>`sum(${source.availableCount})`.mapWith(Number),
      orderedCount: sql<number>`sum(${source.orderedCount})`.mapWith(Number),
      earliestExpiration: sql<string | null>`min(${source.earliestExpiration})`,
      packageId: split ? sql<number | null>`nullif(${source.packageKey}, 0)`.mapWith(Number) : sql<null>`null`,
      packageName: split ? packageName : sql<null>`null`,
    })
    .from(source)
    .innerJoin(products, eq(products.id, source.productId))
    .innerJoin(productFamilies, eq(productFamilies.id, products.familyId))
    .leftJoin(packages, sql`${packages.id} = ${source.packageKey}`)
    .$dynamic();
  return split
    ? query
        // Every column shown is the grouped key's or its product's, family's or package's: the engines that do not
        // infer that from the joins (PostgreSQL) need those keys named.
        .groupBy(sql`${source.packageKey}`, products.id, productFamilies.id, packages.id)
        .orderBy(sql`${source.packageKey} != 0`, asc(packageName), asc(familyName), asc(productName), asc(products.id))
    : query.groupBy(products.id, productFamilies.id).orderBy(asc(familyName), asc(productName), asc(products.id));
}

/** The product summaries in scope (lib/inventory/summaries.ts): one row per product, package and partner of record. */
function summarySource(db: Db, scope: SQL) {
  return db
    .select({
      productId: productSummaries.productId,
      packageKey: productSummaries.packageKey,
      lineCount: productSummaries.lineCount,
      licenseCount: productSummaries.licenseCount,
      saCount: productSummaries.saCount,
      availableCount: productSummaries.availableCount,
      orderedCount: productSummaries.orderedCount,
      earliestExpiration: productSummaries.earliestExpiration,
    })
    .from(productSummaries)
    .where(scope)
    .as('source');
}

/**
 * The same rows added up from the lines in the view (one account, a search,
 * an account viewer's accounts). The lines are grouped before anything is
 * joined to them, so products, families and packages are looked up once per
 * product row rather than once per line.
 */
function lineSource(db: Db, viewer: Viewer, filters: InventoryFilters) {
  return db
    .select({
      productId: sql<number>`${inventoryLines.productId}`.mapWith(Number).as('product_id'),
      packageKey: sql<number>`coalesce(${inventoryLines.packageId}, 0)`.mapWith(Number).as('package_key'),
      lineCount: sql<number>`count(*)`.mapWith(Number).as('line_count'),
      licenseCount: sql<number>`sum(${inventoryLines.licenseCount})`.mapWith(Number).as('license_count'),
      saCount: sql<number>`sum(${inventoryLines.saCount})`.mapWith(Number).as('sa_count'),
      availableCount: sql<number>`sum(${inventoryLines.availableCount})`.mapWith(Number).as('available_count'),
      orderedCount: sql<number>`sum(${inventoryLines.orderedCount})`.mapWith(Number).as('ordered_count'),
      earliestExpiration: sql<string | null>`min(${inventoryLines.nextExpiration})`.as('earliest_expiration'),
    })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .where(baseConditions(db, viewer, filters))
    .groupBy(inventoryLines.productId, sql`coalesce(${inventoryLines.packageId}, 0)`)
    .as('source');
}

export interface InventoryPage {
  groups: ProductGroup[];
  totalGroups: number;
  page: number;
  pages: number;
}

/** One page of product rows; `page` is clamped into range. */
export async function listProductGroups(db: Db, viewer: Viewer, asked: InventoryFilters, page: number): Promise<InventoryPage> {
  const filters = await withProductMatches(db, asked);
  // One pass: the page's rows carry the number of product rows (a window over the grouped rows), so the view is
  // not added up twice. Only a page past the end (an old link) needs the count first, to show the last page.
  const pageOf = async (wanted: number) =>
    (await groupQuery(db, viewer, filters, { withTotal: true })
      .limit(PRODUCTS_PAGE_SIZE)
      .offset((wanted - 1) * PRODUCTS_PAGE_SIZE)
      ) as (GroupRow & { totalGroups: number })[];
  const wanted = Math.max(1, page);
  let rows = (await pageOf(wanted));
  let totalGroups = rows[0]?.totalGroups ?? 0;
  if (rows.length === 0 && wanted > 1) {
    const counted = groupQuery(db, viewer, filters).toSQL();
    totalGroups = (await statement<{ n: number }>(db, `select count(*) as n from (${counted.sql})`).get(...(counted.params as Param[])))!.n;
  }
  const pages = Math.max(1, Math.ceil(totalGroups / PRODUCTS_PAGE_SIZE));
  const current = Math.min(wanted, pages);
  if (current !== wanted) rows = (await pageOf(current));
  return { groups: rows.map(toGroup), totalGroups: rows[0]?.totalGroups ?? totalGroups, page: current, pages };
}

/** Every product row of the view, unpaged: for the CSV export and for finding a line's page. */
export async function listAllProductGroups(db: Db, viewer: Viewer, filters: InventoryFilters): Promise<ProductGroup[]> {
  return ((await groupQuery(db, viewer, await withProductMatches(db, filters))) as GroupRow[]).map(toGroup);
}

/** The page on which a product row stands in this view (for `?line=`). */
export async function pageOfGroup(db: Db, viewer: Viewer, filters: InventoryFilters, groupKey: string): Promise<number | null> {
  const index = (await listAllProductGroups(db, viewer, filters)).findIndex((group) => group.key === groupKey);
  return index === -1 ? null : Math.floor(index / PRODUCTS_PAGE_SIZE) + 1;
}

/** A line's columns, its names in the reader's language; `resourceUsage` is the stored code (lib/i18n/names.ts names it). */
const lineColumns = (locale: Locale = 'fr') => ({
  id: inventoryLines.id,
  kind: inventoryLines.kind,
  productId: inventoryLines.productId,
  packageId: inventoryLines.packageId,
  packageName: localNameSql(packages.name, packages.nameEn, locale) as SQL<string | null>,
  edition: localNameSql(inventoryLines.edition, inventoryLines.editionEn, locale),
  version: inventoryLines.version,
  accountNumber: purchaseAccounts.number,
  accountName: purchaseAccounts.name,
  resourceUsage: inventoryLines.resourceUsage,
  licenseCount: inventoryLines.licenseCount,
  saCount: inventoryLines.saCount,
  availableCount: inventoryLines.availableCount,
  orderedCount: inventoryLines.orderedCount,
  nextExpiration: inventoryLines.nextExpiration,
});

/**
 * An opened product row shows at most this many lines (one per account and
 * edition: with every account of a large customer, hundreds); the row then
 * says how many there are and how to see them (one account at a time). The
 * export has them all.
 */
export const LINES_PER_PRODUCT_LIMIT = 100;

/**
 * The lines of some product rows (those opened), in the same view. Keys are
 * ProductGroup.key values; the result maps each key to its lines, at most
 * `limitPerGroup` each (the page) or all (the export).
 */
export async function listLinesOfGroups(db: Db, viewer: Viewer, asked: InventoryFilters, groups: ProductGroup[], limitPerGroup = Infinity): Promise<Map<string, InventoryLineRow[]>> {
  const result = new Map<string, InventoryLineRow[]>(groups.map((group) => [group.key, []]));
  if (groups.length === 0) return result;
  const filters = await withProductMatches(db, asked);
  const productIds = [...new Set(groups.map((group) => group.productId))];
  const rows = (await db
    .select(lineColumns(filters.locale))
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .innerJoin(products, eq(products.id, inventoryLines.productId))
    .leftJoin(packages, eq(packages.id, inventoryLines.packageId))
    .where(and(baseConditions(db, viewer, filters), inArray(inventoryLines.productId, productIds)))
    .orderBy(asc(inventoryLines.edition), asc(inventoryLines.version), asc(purchaseAccounts.number), asc(inventoryLines.resourceUsage), asc(inventoryLines.id))
    );
  for (const row of rows) {
    const key = filters.packages && row.packageId ? `${row.packageId}-${row.productId}` : String(row.productId);
    const lines = result.get(key);
    if (lines && lines.length < limitPerGroup) lines.push(row);
  }
  return result;
}

/** Every line of the view, in page order: the CSV export. */
export async function listAllLines(db: Db, viewer: Viewer, asked: InventoryFilters): Promise<{ group: ProductGroup; lines: InventoryLineRow[] }[]> {
  const filters = await withProductMatches(db, asked);
  const groups = (await listAllProductGroups(db, viewer, filters));
  const lines = (await listLinesOfGroups(db, viewer, filters, groups));
  return groups.map((group) => ({ group, lines: lines.get(group.key) ?? [] }));
}

export interface LineReference {
  id: number;
  kind: 'license' | 'subscription';
  productId: number;
  packageId: number | null;
  accountId: number;
  accountNumber: string;
}

/** A line the viewer may see, or null (then the page answers 404). */
export async function getLineReference(db: Db, viewer: Viewer, lineId: number): Promise<LineReference | null> {
  return (
    (await db
      .select({
        id: inventoryLines.id,
        kind: inventoryLines.kind,
        productId: inventoryLines.productId,
        packageId: inventoryLines.packageId,
        accountId: purchaseAccounts.id,
        accountNumber: purchaseAccounts.number,
      })
      .from(inventoryLines)
      .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
      .where(and(accountScope(viewer), eq(inventoryLines.id, lineId)))
      .limit(1))[0] ?? null
  );
}

export interface LineHistory {
  line: InventoryLineRow & { productName: string; familyName: string; productKind: ProductKind; packageName: string | null };
  entries: {
    id: number;
    occurredOn: string;
    kind: TransactionKind;
    licenseDelta: number;
    saDelta: number;
    availableDelta: number;
    orderedDelta: number;
    orderNumber: string | null;
    /** Who recorded it in the portal (a self-provisioning, an order a partner recorded); null for imports. */
    authorName: string | null;
    note: string | null;
    /** The next expiration before and after, when the transaction moved it (an order for a term, its cancellation). */
    expirationBefore: string | null;
    expirationAfter: string | null;
    /** Running totals after this transaction; the last equals the line's counts. */
    running: Totals;
  }[];
}

/** The dated transactions behind a line, oldest first, with running totals (Afficher l'historique). */
export async function getLineHistory(db: Db, viewer: Viewer, lineId: number, locale: Locale = 'fr'): Promise<LineHistory | null> {
  const line = (await db
    .select({
      ...lineColumns(locale),
      productName: localNameSql(products.name, products.nameEn, locale),
      familyName: localNameSql(productFamilies.name, productFamilies.nameEn, locale),
      productKind: products.kind,
    })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .innerJoin(products, eq(products.id, inventoryLines.productId))
    .innerJoin(productFamilies, eq(productFamilies.id, products.familyId))
    .leftJoin(packages, eq(packages.id, inventoryLines.packageId))
    .where(and(accountScope(viewer), eq(inventoryLines.id, lineId)))
    .limit(1))[0];
  if (!line) return null;
  const transactions = (await db
    .select({
      id: inventoryTransactions.id,
      occurredOn: inventoryTransactions.occurredOn,
      kind: inventoryTransactions.kind,
      licenseDelta: inventoryTransactions.licenseDelta,
      saDelta: inventoryTransactions.saDelta,
      availableDelta: inventoryTransactions.availableDelta,
      orderedDelta: inventoryTransactions.orderedDelta,
      orderNumber: orders.number,
      authorName: users.name,
      note: localNameSql(inventoryTransactions.note, inventoryTransactions.noteEn, locale) as SQL<string | null>,
      expirationBefore: inventoryTransactions.expirationBefore,
      expirationAfter: inventoryTransactions.expirationAfter,
    })
    .from(inventoryTransactions)
    .leftJoin(orders, eq(orders.id, inventoryTransactions.orderId))
    .leftJoin(users, eq(users.id, inventoryTransactions.authorUserId))
    .where(eq(inventoryTransactions.lineId, line.id))
    .orderBy(asc(inventoryTransactions.occurredOn), asc(inventoryTransactions.id))
    );
  const running: Totals = { licenseCount: 0, saCount: 0, availableCount: 0, orderedCount: 0 };
  const entries = transactions.map((transaction) => {
    running.licenseCount += transaction.licenseDelta;
    running.saCount += transaction.saDelta;
    running.availableCount += transaction.availableDelta;
    running.orderedCount += transaction.orderedDelta;
    return { ...transaction, running: { ...running } };
  });
  return { line, entries };
}

/** When the customer's inventory last changed (last import, order or provisioning). */
export async function getDataUpdatedAt(db: Db, viewer: Viewer): Promise<number | null> {
  if (!viewer.customer) return null;
  return (await db.select({ at: customers.dataUpdatedAt }).from(customers).where(eq(customers.id, viewer.customer.id)).limit(1))[0]?.at ?? null;
}

/** Product names a search that found nothing compares with: the viewer's own, at most this many. */
export const SUGGESTION_CANDIDATES = 500;

/**
 * The names of the viewer's own products closest to a search that found
 * nothing ("Vouliez-vous dire : Office Professionnel Plus ?"): never a
 * product the viewer does not hold. The candidates are bounded: the product
 * summaries of the customer (one row per product) or, for an account viewer,
 * the products of the lines of the accounts in view, at most
 * SUGGESTION_CANDIDATES names.
 */
export async function suggestOwnProductNames(db: Db, viewer: Viewer, filters: InventoryFilters, query: string, limit = 3): Promise<string[]> {
  const productName = localNameSql(products.name, products.nameEn, filters.locale ?? 'fr');
  const summaries = summaryScope(viewer);
  const accounts = filters.accounts === 'all' ? undefined : eq(purchaseAccounts.id, filters.accounts.accountId);
  const names =
    summaries && !accounts
      ? (await db
          .selectDistinct({ name: productName })
          .from(productSummaries)
          .innerJoin(products, eq(products.id, productSummaries.productId))
          .where(summaries)
          .orderBy(asc(productName))
          .limit(SUGGESTION_CANDIDATES)
          )
      : (await db
          .selectDistinct({ name: productName })
          .from(inventoryLines)
          .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
          .innerJoin(products, eq(products.id, inventoryLines.productId))
          .where(and(accountScope(viewer), accounts))
          .orderBy(asc(productName))
          .limit(SUGGESTION_CANDIDATES)
          );
  return closestNames(query, names.map((row) => row.name), limit);
}
