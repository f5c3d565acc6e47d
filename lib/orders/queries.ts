/**
 * Order history (SPEC §3 item 10, Compte → Afficher l'historique des
 * commandes): the orders partners placed for the purchase accounts a viewer
 * may see, and one order expanded into its header, information and items.
 * Every query joins the order's purchase account and scopes it by
 * accountScope(viewer), so an order outside the grants is simply not found.
 */
import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, orderItems, orders, partners, products, purchaseAccounts, type OrderStatus } from '@/db/schema';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { currencyFractionDigits } from '@/lib/import/schema';
import type { AccountFilter } from '@/lib/inventory/queries';

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

function listConditions(viewer: Viewer, accounts: AccountFilter) {
  return and(accountScope(viewer), accounts === 'all' ? undefined : eq(orders.purchaseAccountId, accounts.accountId));
}

/** One page of the orders in scope, newest first; `page` is clamped into range. */
export function listOrders(viewer: Viewer, { accounts, page }: { accounts: AccountFilter; page: number }): OrderListPage {
  const db = getDb();
  const where = listConditions(viewer, accounts);
  const total =
    db
      .select({ n: count() })
      .from(orders)
      .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
      .where(where)
      .get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = db
    .select({
      number: orders.number,
      orderedOn: orders.orderedOn,
      status: orders.status,
      partnerName: partners.name,
      accountNumber: purchaseAccounts.number,
      accountName: purchaseAccounts.name,
      customerPoNumber: orders.customerPoNumber,
      // A correlated count keeps one row per order without grouping every selected column.
      itemCount: sql<number>`(select count(*) from ${orderItems} where ${orderItems.orderId} = ${orders.id})`,
    })
    .from(orders)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
    .innerJoin(partners, eq(partners.id, orders.partnerId))
    .where(where)
    // Same-day orders: the higher number was placed later.
    .orderBy(desc(orders.orderedOn), desc(orders.number))
    .limit(ORDERS_PAGE_SIZE)
    .offset((current - 1) * ORDERS_PAGE_SIZE)
    .all();
  return { orders: rows.map((row) => ({ ...row, itemCount: Number(row.itemCount) })), total, page: current, pages };
}

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
  };
  items: OrderItemRow[];
}

/** One order expanded (Entête, Informations, Articles), or null when it does not exist or is outside the viewer's grants. */
export function getOrder(viewer: Viewer, number: string): OrderDetail | null {
  const db = getDb();
  const order = db
    .select({
      id: orders.id,
      number: orders.number,
      orderedOn: orders.orderedOn,
      status: orders.status,
      partnerName: partners.name,
      partnerEmail: partners.contactEmail,
      partnerPhone: partners.contactPhone,
      accountNumber: purchaseAccounts.number,
      accountName: purchaseAccounts.name,
      customerPoNumber: orders.customerPoNumber,
      agreementNumber: agreements.number,
      currency: orders.currency,
      billToName: orders.billToName,
      billToAddress: orders.billToAddress,
      shipToName: orders.shipToName,
      shipToAddress: orders.shipToAddress,
    })
    .from(orders)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, orders.purchaseAccountId))
    .innerJoin(partners, eq(partners.id, orders.partnerId))
    .innerJoin(agreements, eq(agreements.id, orders.agreementId))
    .where(and(accountScope(viewer), eq(orders.number, number)))
    .get();
  if (!order) return null;

  const fractionDigits = currencyFractionDigits(order.currency);
  const items = db
    .select({
      position: orderItems.position,
      productName: products.name,
      edition: orderItems.edition,
      version: orderItems.version,
      resourceUsage: orderItems.resourceUsage,
      quantity: orderItems.quantity,
      withSoftwareAssurance: orderItems.withSoftwareAssurance,
      termMonths: orderItems.termMonths,
      unitPriceMinor: orderItems.unitPriceMinor,
    })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.position))
    .all()
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
    },
    information: {
      agreementNumber: order.agreementNumber,
      currency: order.currency,
      fractionDigits,
      billToName: order.billToName,
      billToAddress: order.billToAddress,
      shipToName: order.shipToName,
      shipToAddress: order.shipToAddress,
    },
    items,
  };
}
