/**
 * Order history (Compte → Afficher l'historique des
 * commandes): the orders partners placed for the purchase accounts a viewer
 * may see, and one order expanded into its header, information and items.
 * Every query joins the order's purchase account and scopes it by
 * accountScope(viewer), so an order outside the grants is simply not found.
 */
import type { Db } from '@/db/client';
import 'server-only';
import { and, asc, count, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { agreements, orderItems, orders, partners, products, purchaseAccounts, type Locale, type OrderStatus } from '@/db/schema';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { localNameSql } from '@/lib/i18n/names';
import { currencyFractionDigits } from '@/lib/import/schema';
import type { AccountFilter } from '@/lib/inventory/queries';
import { foldForSearch } from '@/lib/search/normalize';
import { containsMatch, startsWithMatch, wordsMatch } from '@/lib/search/sql';
import type { OrderSearch } from './params';

export const ORDERS_PAGE_SIZE = 25;

export interface OrderSummary {
  number: string;
  orderedOn: string;
  status: OrderStatus;
  partnerName: string;
  accountNumber: string;
  accountName: string;
  customerPoNumber: string | null;
  itemCount: number;
}

export interface OrderListPage {
  orders: OrderSummary[];
  total: number;
  page: number;
  pages: number;
}

/**
 * The search form's conditions (all combinable), every text folded as the
 * searches fold it (lib/search/): an order number from its start, a customer
 * PO number anywhere in it (`bc-été` finds `BC-ÉTÉ-2026`); a product by its
 * code or the starts of words of its name or family; a date range, both ends
 * included.
 */
function searchConditions(db: Db, search: OrderSearch): SQL[] {
  const conditions: SQL[] = [];
  if (search.number) conditions.push(startsWithMatch(orders.numberSearch, search.number));
  if (search.po) conditions.push(containsMatch(orders.customerPoSearch, search.po));
  if (search.product) {
    const byName = wordsMatch(products.search, search.product);
    // The products first (a few among the catalogue), then their orders through the items' product index:
    // no check of every order of the customer.
    const matching = db
      .select({ id: products.id })
      .from(products)
      .where(or(eq(products.codeSearch, foldForSearch(search.product)), byName));
    conditions.push(inArray(orders.id, db.select({ id: orderItems.orderId }).from(orderItems).where(inArray(orderItems.productId, matching))));
  }
  if (search.from) conditions.push(gte(orders.orderedOn, search.from));
  if (search.to) conditions.push(lte(orders.orderedOn, search.to));
  return conditions;
}

/** The columns of an order that the list and the export both show. */
const orderColumns = {
  number: orders.number,
  orderedOn: orders.orderedOn,
  status: orders.status,
  partnerName: partners.name,
  accountNumber: purchaseAccounts.number,
  accountName: purchaseAccounts.name,
  customerPoNumber: orders.customerPoNumber,
};

/** The columns of an order item that the order's page and the export both show, names in the reader's language (`resourceUsage` is the stored code). */
const itemColumns = (locale: Locale = 'fr') => ({
  position: orderItems.position,
  productName: localNameSql(products.name, products.nameEn, locale),
  edition: localNameSql(orderItems.edition, orderItems.editionEn, locale),
  version: orderItems.version,
  resourceUsage: orderItems.resourceUsage,
  quantity: orderItems.quantity,
  withSoftwareAssurance: orderItems.withSoftwareAssurance,
  termMonths: orderItems.termMonths,
  unitPriceMinor: orderItems.unitPriceMinor,
});

function listConditions(db: Db, viewer: Viewer, accounts: AccountFilter, search: OrderSearch = {}) {
  return and(accountScope(viewer), accounts === 'all' ? undefined : eq(orders.purchaseAccountId, accounts.accountId), ...searchConditions(db, search));
}

/** One page of the orders in scope matching the search, newest first; `page` is clamped into range. */
export async function listOrders(db: Db, viewer: Viewer, { accounts, page, search = {} }: { accounts: AccountFilter; page: number; search?: OrderSearch }): Promise<OrderListPage> {
  // The customer's orders newest first come straight from its index (orders_customer_date_idx); the scope still decides which.
  const where = and(listConditions(db, viewer, accounts, search), accounts === 'all' && viewer.customer ? eq(orders.customerId, viewer.customer.id) : undefined);
  const searching = searchConditions(db, search).length > 0;
  // Without a search, the total is the accounts' order counts, kept on write (./figures.ts), not a count of every order.
  const total = searching
    ? ((await db
        .select({ n: count() })
        .from(orders)
        .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
        .where(where)
        .limit(1))[0]?.n ?? 0)
    : Number(
        (await db
          .select({ n: sql<number>`coalesce(sum(${purchaseAccounts.orderCount}), 0)`.mapWith(Number) })
          .from(purchaseAccounts)
          .where(and(accountScope(viewer), accounts === 'all' ? undefined : eq(purchaseAccounts.id, accounts.accountId)))
          .limit(1))[0]?.n ?? 0,
      );
  const pages = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = (await db
    .select({ id: orders.id, ...orderColumns })
    .from(orders)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
    .innerJoin(partners, eq(partners.id, orders.partnerId))
    .where(where)
    // Same-day orders: the higher number was placed later.
    .orderBy(desc(orders.orderedOn), desc(orders.number))
    .limit(ORDERS_PAGE_SIZE)
    .offset((current - 1) * ORDERS_PAGE_SIZE)
    );
  // The item counts of this page's orders only, in a second statement: counted in the list's own select,
  // PostgreSQL counted the items of every order skipped by the offset too (1,000 counts on page 40).
  const itemCounts = new Map<number, number>();
  if (rows.length > 0) {
    const counted = await db
      .select({ orderId: orderItems.orderId, n: count() })
      .from(orderItems)
      .where(inArray(orderItems.orderId, rows.map((row) => row.id)))
      .groupBy(orderItems.orderId);
    for (const { orderId, n } of counted) itemCounts.set(orderId, Number(n));
  }
  return { orders: rows.map(({ id, ...row }) => ({ ...row, itemCount: itemCounts.get(id) ?? 0 })), total, page: current, pages };
}

/**
 * The export's bound: a customer's whole history can hold hundreds of
 * thousands of items; the export holds the most recent ones up to this many
 * (the filters narrow it), so one request never builds an unbounded file.
 */
export const ORDER_EXPORT_ROW_LIMIT = 50_000;

export interface OrderItemRow {
  position: number;
  productName: string;
  edition: string;
  version: string;
  resourceUsage: string;
  quantity: number;
  withSoftwareAssurance: boolean;
  termMonths: number | null;
  /** Unit price in minor units of the order's currency, as stored; null when none was given. */
  unitPriceMinor: number | null;
  /** The same price in major units (e.g. 512.5 for 51250 cents); null when none was given. */
  unitPrice: number | null;
  /** The inventory line the item went to (the line with this order in its history, else the account's line of that product, edition, version and usage); null when there is none. */
  lineId: number | null;
}

/** An order item with its order's fields (the list's, but its item count). */
export interface OrderExportRow extends Omit<OrderSummary, 'itemCount'>, Omit<OrderItemRow, 'lineId'> {
  currency: string | null;
  productCode: string;
  billToName: string | null;
  shipToName: string | null;
  /** The order's total, kept on write (minor units); null when no item has a price. */
  totalMinor: number | null;
}

/** Exporter (CSV): one row per item of the orders the list shows (same scope and search), newest order first. */
export async function listOrderItemsForExport(
  db: Db, viewer: Viewer,
  {
    accounts,
    search = {},
    locale,
    orderNumber,
  }: {
    accounts: AccountFilter;
    search?: OrderSearch;
    locale?: Locale;
    /** One order's items only (its page's CSV): the number exactly. */
    orderNumber?: string;
  },
): Promise<OrderExportRow[]> {
  return (await db
    .select({
      ...orderColumns,
      currency: orders.currency,
      billToName: orders.billToName,
      shipToName: orders.shipToName,
      totalMinor: orders.totalMinor,
      productCode: products.code,
      ...itemColumns(locale),
    })
    .from(orders)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
    .innerJoin(partners, eq(partners.id, orders.partnerId))
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(and(listConditions(db, viewer, accounts, search), orderNumber === undefined ? undefined : eq(orders.number, orderNumber)))
    .orderBy(desc(orders.orderedOn), desc(orders.number), asc(orderItems.position))
    .limit(ORDER_EXPORT_ROW_LIMIT)
    )
    .map((row) => ({ ...row, unitPrice: row.unitPriceMinor === null ? null : row.unitPriceMinor / 10 ** currencyFractionDigits(row.currency) }));
}


export interface OrderDetail {
  header: {
    number: string;
    orderedOn: string;
    status: OrderStatus;
    partnerName: string;
    partnerEmail: string | null;
    partnerPhone: string | null;
    accountNumber: string;
    accountName: string;
    customerPoNumber: string | null;
    /** When a partner cancelled it (null: not cancelled, or cancelled before the portal recorded when). */
    cancelledOn: string | null;
  };
  information: {
    agreementNumber: string;
    currency: string | null;
    /** Digits after the decimal point of the currency's minor unit: how unit prices are shown. */
    fractionDigits: number;
    billToName: string | null;
    billToAddress: string | null;
    shipToName: string | null;
    shipToAddress: string | null;
    /** The order's total in minor units, kept on write; null when no item has a price. */
    totalMinor: number | null;
  };
  items: OrderItemRow[];
}

/** One order expanded (Entête, Informations, Articles), or null when it does not exist or is outside the viewer's grants. */
export async function getOrder(db: Db, viewer: Viewer, number: string, locale: Locale = 'fr'): Promise<OrderDetail | null> {
  const order = (await db
    .select({
      id: orders.id,
      accountId: purchaseAccounts.id,
      number: orders.number,
      orderedOn: orders.orderedOn,
      status: orders.status,
      partnerName: partners.name,
      partnerEmail: partners.contactEmail,
      partnerPhone: partners.contactPhone,
      accountNumber: purchaseAccounts.number,
      accountName: purchaseAccounts.name,
      customerPoNumber: orders.customerPoNumber,
      cancelledOn: orders.cancelledOn,
      agreementNumber: agreements.number,
      currency: orders.currency,
      billToName: orders.billToName,
      billToAddress: orders.billToAddress,
      shipToName: orders.shipToName,
      shipToAddress: orders.shipToAddress,
      totalMinor: orders.totalMinor,
    })
    .from(orders)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
    .innerJoin(partners, eq(partners.id, orders.partnerId))
    .innerJoin(agreements, eq(agreements.id, orders.agreementId))
    .where(and(accountScope(viewer), eq(orders.number, number)))
    .limit(1))[0];
  if (!order) return null;

  const fractionDigits = currencyFractionDigits(order.currency);
  const items = (await db
    .select({
      ...itemColumns(locale),
      lineId: sql<number | null>`coalesce(
        (select l.id from inventory_lines l join inventory_transactions t on t.line_id = l.id
          where t.order_id = ${order.id} and l.product_id = ${orderItems.productId} and l.purchase_account_id = ${order.accountId}
          order by l.id limit 1),
        (select l.id from inventory_lines l
          where l.purchase_account_id = ${order.accountId} and l.product_id = ${orderItems.productId}
            and (l.kind = 'subscription' or (l.edition = ${orderItems.edition} and l.version = ${orderItems.version} and l.resource_usage = ${orderItems.resourceUsage}))
          order by l.package_id is not null, l.id limit 1))`.mapWith(Number),
    })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.position))
    )
    .map((item) => ({ ...item, unitPrice: item.unitPriceMinor === null ? null : item.unitPriceMinor / 10 ** fractionDigits }));

  return {
    header: {
      number: order.number,
      orderedOn: order.orderedOn,
      status: order.status,
      partnerName: order.partnerName,
      partnerEmail: order.partnerEmail,
      partnerPhone: order.partnerPhone,
      accountNumber: order.accountNumber,
      accountName: order.accountName,
      customerPoNumber: order.customerPoNumber,
      cancelledOn: order.cancelledOn,
    },
    information: {
      agreementNumber: order.agreementNumber,
      currency: order.currency,
      fractionDigits,
      billToName: order.billToName,
      billToAddress: order.billToAddress,
      shipToName: order.shipToName,
      shipToAddress: order.shipToAddress,
      totalMinor: order.totalMinor,
    },
    items,
  };
}

/** The recent orders a new order's defaults are looked for in: a bound on the work, however long the history. */
const RECENT_ORDERS_FOR_DEFAULTS = 20;

export interface NewOrderDefaults {
  /** The currency of the latest order that has one (the account's, else the customer's); null when none does. */
  currency: string | null;
  /** Bill-to and ship-to of the account's latest order that has them; null without an account or when none has. */
  billTo: { name: string; address: string } | null;
  shipTo: { name: string; address: string } | null;
}

/**
 * What a new order of the partner's form starts with: the currency and the
 * addresses of the latest orders of the same account (or, for the currency,
 * of the customer in view), among the last RECENT_ORDERS_FOR_DEFAULTS read
 * from the newest-first indexes — so that an order of a Canadian account
 * starts in CAD with the account's own addresses, and the person only checks them.
 */
export async function getNewOrderDefaults(db: Db, viewer: Viewer, accountId: number | null): Promise<NewOrderDefaults> {
  const recent = async (where: SQL | undefined) =>
    await db
      .select({ currency: orders.currency, billToName: orders.billToName, billToAddress: orders.billToAddress, shipToName: orders.shipToName, shipToAddress: orders.shipToAddress })
      .from(orders)
      .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
      .where(and(accountScope(viewer), where))
      .orderBy(desc(orders.orderedOn), desc(orders.number))
      .limit(RECENT_ORDERS_FOR_DEFAULTS);
  const ofAccount = accountId === null ? [] : await recent(eq(orders.purchaseAccountId, accountId));
  const ofCustomer = ofAccount.some((order) => order.currency) || !viewer.customer ? [] : await recent(eq(orders.customerId, viewer.customer.id));
  const party = (name: string | null, address: string | null) => (name || address ? { name: name ?? '', address: address ?? '' } : null);
  const billed = ofAccount.find((order) => order.billToName || order.billToAddress);
  const shipped = ofAccount.find((order) => order.shipToName || order.shipToAddress);
  return {
    currency: [...ofAccount, ...ofCustomer].find((order) => order.currency)?.currency ?? null,
    billTo: billed ? party(billed.billToName, billed.billToAddress) : null,
    shipTo: shipped ? party(shipped.shipToName, shipped.shipToAddress) : null,
  };
}
