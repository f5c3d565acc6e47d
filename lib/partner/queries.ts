/** What a partner user works on: the customers it serves (partner of record of at least one account). */
import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { customers, purchaseAccounts } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';

export interface ServedCustomer {
  number: string;
  legalName: string;
  accountCount: number;
}

/** Customers a page of the workspace lists; a partner may serve thousands. */
export const SERVED_CUSTOMERS_PAGE_SIZE = 25;

export interface ServedCustomersPage {
  rows: ServedCustomer[];
  total: number;
  page: number;
  pages: number;
}

/** One page of the customers the viewer's partner serves, by legal name; `page` is clamped into range. */
export function listServedCustomersPage(viewer: Viewer, page: number): ServedCustomersPage {
  if (viewer.role !== 'partner_user' || !viewer.partner) return { rows: [], total: 0, page: 1, pages: 1 };
  const db = getDb();
  const total =
    db
      .select({ n: sql<number>`count(distinct ${purchaseAccounts.customerId})` })
      .from(purchaseAccounts)
      .where(eq(purchaseAccounts.partnerId, viewer.partner.id))
      .get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / SERVED_CUSTOMERS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = servedCustomersQuery(viewer.partner.id)
    .limit(SERVED_CUSTOMERS_PAGE_SIZE)
    .offset((current - 1) * SERVED_CUSTOMERS_PAGE_SIZE)
    .all();
  return { rows, total: Number(total), page: current, pages };
}

/** Every customer the viewer's partner serves, by legal name. */
export function listServedCustomers(viewer: Viewer): ServedCustomer[] {
  if (viewer.role !== 'partner_user' || !viewer.partner) return [];
  return servedCustomersQuery(viewer.partner.id).all();
}

function servedCustomersQuery(partnerId: number) {
  return getDb()
    .select({ number: customers.number, legalName: customers.legalName, accountCount: count(purchaseAccounts.id) })
    .from(purchaseAccounts)
    .innerJoin(customers, eq(customers.id, purchaseAccounts.customerId))
    .where(eq(purchaseAccounts.partnerId, partnerId))
    .groupBy(customers.id)
    .orderBy(asc(customers.legalName), asc(customers.number));
}
