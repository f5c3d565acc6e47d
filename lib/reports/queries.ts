/**
 * Rapprochement de services en ligne non payés: per online
 * service line, what the customer switched on themselves (available −
 * ordered, only when positive: unpaidQuantity(), the same rule the inventory
 * uses) against what the partner ordered, so that the partner knows what to
 * order before the service is interrupted. The page and its CSV export both
 * read listUnpaidServices(), so they show the same rows and figures
 * as every other view of them. Every query is scoped by
 * accountScope(viewer).
 */
import type { Db } from '@/db/client';
import 'server-only';
import { and, asc, desc, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { agreements, inventoryLines, inventoryTransactions, orders, products, productSummaries, purchaseAccounts, type Locale } from '@/db/schema';
import { accountScope, summaryScope, type Viewer } from '@/lib/auth/scope';
import { localNameSql } from '@/lib/i18n/names';
import { unpaidQuantity, unpaidQuantitySql, unpaidServiceCondition } from '@/lib/inventory/unpaid';
import { containsMatch, numberStartsWith, startsWithMatch, wordsMatch } from '@/lib/search/sql';

/** Rows a page of the report shows; the totals always cover every matching row. */
export const REPORT_PAGE_SIZE = 50;
/**
 * Suggestions each filter field offers. The fields are text: a customer with
 * 50,000 orders gets the same page as one with 50, and any number
 * can still be typed.
 */
export const REPORT_SUGGESTION_LIMIT = 20;

// ─── Parameters ─────────────────────────────────────────────────────────────

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
/** An identifier from the URL; '' is the "all" option of a drop-down, not an error. */
const identifier = z.preprocess(
  (value) => {
    const first = single(value);
    return typeof first === 'string' && first.trim() === '' ? undefined : first;
  },
  z.string().trim().regex(/^[\p{L}\p{N}._-]{1,64}$/u).optional(),
);
/** What a person typed in a filter field: any text (a whole or partial number, a name or part of one); only an absurd length is refused. */
export const REPORT_FILTER_MAX = 100;
const typedFilter = z.preprocess(
  (value) => {
    const first = single(value);
    return typeof first === 'string' && first.trim() === '' ? undefined : first;
  },
  z.string().trim().max(REPORT_FILTER_MAX).optional(),
);

export const reportParamsSchema = z.object({
  customer: identifier.catch(undefined),
  account: typedFilter.catch(undefined),
  order: typedFilter.catch(undefined),
  agreement: typedFilter.catch(undefined),
  product: typedFilter.catch(undefined),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(100_000).optional()).catch(undefined),
});

export type ReportParams = z.infer<typeof reportParamsSchema>;

/** Parses the report's search parameters; `ignored` tells whether a malformed one (a hand-edited address) was dropped. */
export function parseReportParams(raw: Record<string, string | string[] | undefined>): { params: ReportParams; ignored: boolean } {
  const params = reportParamsSchema.parse(raw);
  const ignored = (Object.keys(reportParamsSchema.shape) as (keyof ReportParams)[]).some((key) => {
    const value = single(raw[key]);
    return typeof value === 'string' && value.trim() !== '' && params[key] === undefined;
  });
  return { params, ignored };
}

// ─── Filters ────────────────────────────────────────────────────────────────

/** The filters as a person typed them. */
export interface UnpaidServiceFilters {
  /** An account's number (whole or its start) or words of its name. */
  account?: string;
  /** Lines whose transactions reference an order: its number (whole or its start) or words of its customer PO number. */
  order?: string;
  /** An agreement's number (whole or its start) or words of its name. */
  agreement?: string;
  /** A product's code (whole or its start) or words of its name or family. */
  product?: string;
}

export const REPORT_FILTERS = ['account', 'order', 'agreement', 'product'] as const;

/**
 * The filters as conditions on each line of the report, folded as every
 * search is (lib/search/). Each reads only the line's own account,
 * agreement, product and transactions (by their keys), so the work follows
 * the lines of the report, not everything the customer owns. A value naming
 * something outside the viewer's scope simply matches none of the viewer's
 * lines: the answer is the one of a value naming nothing (no 404, no oracle).
 */
function filterConditions(db: Db, filters: UnpaidServiceFilters): (SQL | undefined)[] {
  const { account, order, agreement, product } = filters;
  return [
    account ? or(numberStartsWith(purchaseAccounts.number, account), wordsMatch(purchaseAccounts.nameSearch, account)) : undefined,
    agreement
      ? exists(
          db
            .select({ one: sql`1` })
            .from(agreements)
            .where(and(eq(agreements.id, purchaseAccounts.agreementId), or(numberStartsWith(agreements.number, agreement), wordsMatch(agreements.search, agreement)))),
        )
      : undefined,
    product
      ? exists(
          db
            .select({ one: sql`1` })
            .from(products)
            .where(and(eq(products.id, inventoryLines.productId), or(startsWithMatch(products.codeSearch, product), wordsMatch(products.search, product)))),
        )
      : undefined,
    order
      ? exists(
          db
            .select({ one: sql`1` })
            .from(inventoryTransactions)
            .innerJoin(orders, eq(orders.id, inventoryTransactions.orderId))
            .where(and(eq(inventoryTransactions.lineId, inventoryLines.id), or(startsWithMatch(orders.numberSearch, order), containsMatch(orders.customerPoSearch, order)))),
        )
      : undefined,
  ];
}

function conditions(db: Db, viewer: Viewer, filters: UnpaidServiceFilters): SQL {
  return and(
    accountScope(viewer),
    // The SQL twin of unpaidQuantity() > 0, so that the cap and the totals count only listed rows.
    unpaidServiceCondition(),
    ...filterConditions(db, filters),
  )!;
}

// ─── The report ─────────────────────────────────────────────────────────────

export interface UnpaidServiceRow {
  /** The inventory line, for the link to `/inventory?account=N&line=ID#line-ID`. */
  lineId: number;
  productCode: string;
  productName: string;
  edition: string;
  accountNumber: string;
  accountName: string;
  agreementNumber: string;
  available: number;
  ordered: number;
  /** What to order: available − ordered, always > 0 here. */
  unpaid: number;
  /** YYYY-MM-DD, or null when none is known. */
  nextExpiration: string | null;
}

export interface UnpaidServicesReport {
  /** The rows of the page asked for (every row for the export). */
  rows: UnpaidServiceRow[];
  /** Sums over every matching row, on every page. */
  totals: { available: number; ordered: number; unpaid: number };
  /** Rows matching. */
  total: number;
  /** The page shown (clamped into range) and the number of pages. */
  page: number;
  pages: number;
}

/**
 * The unpaid online services in the viewer's scope with the filters, most to
 * order first (then by product, account): one page of REPORT_PAGE_SIZE rows,
 * or every row (`page: 'all'`, the CSV export).
 */
export async function listUnpaidServices(db: Db, viewer: Viewer, filters: UnpaidServiceFilters, page: number | 'all' = 1, locale: Locale = 'fr'): Promise<UnpaidServicesReport> {
  const productName = localNameSql(products.name, products.nameEn, locale);
  const edition = localNameSql(inventoryLines.edition, inventoryLines.editionEn, locale);
  const where = conditions(db, viewer, filters);

  // Unfiltered, for a viewer whose scope the summaries keep (a customer administrator, a partner): the totals
  // kept on write, whatever the number of gaps. Filtered, or an account viewer: summed over the matching gaps.
  const kept = REPORT_FILTERS.some((name) => filters[name]) ? null : summaryScope(viewer);
  const aggregate = kept
    ? (await db
        .select({
          count: sql<number>`coalesce(sum(${productSummaries.unpaidLineCount}), 0)`.mapWith(Number),
          available: sql<number>`coalesce(sum(${productSummaries.unpaidAvailable}), 0)`.mapWith(Number),
          ordered: sql<number>`coalesce(sum(${productSummaries.unpaidOrdered}), 0)`.mapWith(Number),
        })
        .from(productSummaries)
        .where(kept))[0]
    : (await db
        .select({
          count: sql<number>`count(*)`.mapWith(Number),
          available: sql<number>`coalesce(sum(${inventoryLines.availableCount}), 0)`.mapWith(Number),
          ordered: sql<number>`coalesce(sum(${inventoryLines.orderedCount}), 0)`.mapWith(Number),
        })
        .from(inventoryLines)
        .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
        .where(where)
        .limit(1))[0];

  const total = Number(aggregate?.count ?? 0);
  const pages = Math.max(1, Math.ceil(total / REPORT_PAGE_SIZE));
  const current = page === 'all' ? 1 : Math.min(Math.max(1, page), pages);

  const query = db
    .select({
      lineId: inventoryLines.id,
      productCode: products.code,
      productName,
      edition,
      accountNumber: purchaseAccounts.number,
      accountName: purchaseAccounts.name,
      agreementNumber: agreements.number,
      available: inventoryLines.availableCount,
      ordered: inventoryLines.orderedCount,
      nextExpiration: inventoryLines.nextExpiration,
    })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .innerJoin(agreements, eq(agreements.id, purchaseAccounts.agreementId))
    .innerJoin(products, eq(products.id, inventoryLines.productId))
    .where(where)
    .orderBy(
      desc(unpaidQuantitySql()),
      asc(productName),
      asc(edition),
      asc(purchaseAccounts.number),
      asc(inventoryLines.id),
    )
    .$dynamic();
  // Every row for the export: no limit at all (SQLite's "limit -1" is not PostgreSQL's).
  const rows = await (page === 'all' ? query : query.limit(REPORT_PAGE_SIZE).offset((current - 1) * REPORT_PAGE_SIZE));

  const listed = rows
    .map((row) => ({ ...row, unpaid: unpaidQuantity(row.available, row.ordered) }))
    // Never listed when nothing is unpaid, whatever the SQL said (one rule for every screen).
    .filter((row) => row.unpaid > 0);
  const available = Number(aggregate?.available ?? 0);
  const ordered = Number(aggregate?.ordered ?? 0);
  return {
    rows: listed,
    // Every matching line has available > ordered, so the sum of the gaps is the gap of the sums.
    totals: { available, ordered, unpaid: available - ordered },
    total,
    page: current,
    pages: page === 'all' ? 1 : pages,
  };
}

// ─── Suggestions for the filter fields ─────────────────────────────────────

export interface ReportSuggestions {
  accounts: { number: string; name: string }[];
  agreements: { number: string; name: string | null }[];
  /** Online services held on the accounts in scope. */
  products: { code: string; name: string }[];
  /** The latest orders in scope that touched an online service line. */
  orders: { number: string; orderedOn: string; accountNumber: string }[];
}

/**
 * What each filter field suggests: only what is in the viewer's scope, at
 * most REPORT_SUGGESTION_LIMIT each (the first accounts and agreements by
 * number, services by name, the latest orders), so the page is the same size
 * for any customer.
 */
export async function listReportSuggestions(db: Db, viewer: Viewer, locale: Locale = 'fr'): Promise<ReportSuggestions> {
  const productName = localNameSql(products.name, products.nameEn, locale);
  const scope = accountScope(viewer);
  // Four independent lookups sent together: on PostgreSQL each runs on its own pooled connection at once
  // (SQLite answers them one after the other, as before).
  const accountsOf = db
    .select({ number: purchaseAccounts.number, name: purchaseAccounts.name })
    .from(purchaseAccounts)
    .where(scope)
    .orderBy(asc(purchaseAccounts.number))
    .limit(REPORT_SUGGESTION_LIMIT);
  const agreementsOf = db
    .selectDistinct({ number: agreements.number, name: agreements.name })
    .from(agreements)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.agreementId, agreements.id))
    .where(scope)
    .orderBy(asc(agreements.number))
    .limit(REPORT_SUGGESTION_LIMIT);
  // The viewer's online services: from the product summaries when they can answer (one row per product, not every line).
  const summaries = summaryScope(viewer);
  const productsOf = summaries
    ? db
        .selectDistinct({ code: products.code, name: productName })
        .from(productSummaries)
        .innerJoin(products, eq(products.id, productSummaries.productId))
        .where(and(summaries, eq(products.kind, 'online_service')))
        .orderBy(asc(productName), asc(products.code))
        .limit(REPORT_SUGGESTION_LIMIT)
    : db
        .selectDistinct({ code: products.code, name: productName })
        .from(products)
        .innerJoin(inventoryLines, eq(inventoryLines.productId, products.id))
        .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
        .where(and(scope, eq(inventoryLines.kind, 'subscription')))
        .orderBy(asc(productName), asc(products.code))
        .limit(REPORT_SUGGESTION_LIMIT);
  // The latest orders first, found through the orders' date index, then kept when they touched a service line.
  const ordersOf = db
    .select({ number: orders.number, orderedOn: orders.orderedOn, accountNumber: purchaseAccounts.number })
    .from(orders)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
    .where(
      and(
        scope,
        // The customer's orders newest first, from its index (orders_customer_date_idx), until enough touched a service.
        viewer.customer ? eq(orders.customerId, viewer.customer.id) : undefined,
        // A correlated scalar subquery rather than `exists`: PostgreSQL turns an `exists` into a semi-join and,
        // guessing few orders touch a service, hashed every service transaction of the database before sorting
        // the customer's orders (79 ms for the large bench customer, 13 ms for one ten times smaller); a scalar
        // subquery stays a per-row filter, so both engines walk the index newest first and stop at the limit
        // (6 ms and 2 ms). SQLite plans the two forms alike.
        sql`(${db
          .select({ one: sql`1` })
          .from(inventoryTransactions)
          .innerJoin(inventoryLines, eq(inventoryLines.id, inventoryTransactions.lineId))
          .where(and(eq(inventoryTransactions.orderId, orders.id), eq(inventoryLines.kind, 'subscription')))
          .limit(1)}) is not null`,
      ),
    )
    .orderBy(desc(orders.orderedOn), desc(orders.number))
    .limit(REPORT_SUGGESTION_LIMIT);
  const [accountRows, agreementRows, productRows, orderRows] = await Promise.all([accountsOf, agreementsOf, productsOf, ordersOf]);
  return { accounts: accountRows, agreements: agreementRows, products: productRows, orders: orderRows };
}
