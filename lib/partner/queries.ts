/** What a partner user works on: the customers it serves (partner of record of at least one account). */
import type { Db } from '@/db/client';
import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { customers, inventoryLines, products, purchaseAccounts, type Locale } from '@/db/schema';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { localNameSql } from '@/lib/i18n/names';
import { lastMarkedDate, markedExpiryConditionText } from '@/lib/inventory/expiry';
import { unpaidQuantitySql, unpaidServiceCondition, unpaidServiceConditionText } from '@/lib/inventory/unpaid';
import { likeWordPrefix, searchTerms } from '@/lib/search/normalize';
import { statement } from '@/db/statements';

export interface ServedCustomer {
  number: string;
  legalName: string;
  accountCount: number;
}

/** A customer on the partner's home: with where to act first. */
export interface ServedCustomerSummary extends ServedCustomer {
  /** Online services of the served accounts switched on beyond what is ordered. */
  unpaidServices: number;
  /** Online services of the served accounts that expire within 90 days or have expired. */
  expiringServices: number;
}

/** Customers a page of the workspace lists; a partner may serve thousands. */
export const SERVED_CUSTOMERS_PAGE_SIZE = 25;

export const SERVED_CUSTOMER_SORTS = ['name', 'unpaid', 'expiring'] as const;
export type ServedCustomerSort = (typeof SERVED_CUSTOMER_SORTS)[number];

export interface ServedCustomersPage {
  rows: ServedCustomerSummary[];
  total: number;
  page: number;
  pages: number;
}

const ORDER: Record<ServedCustomerSort, string> = {
  // Folded names sort as a reader expects (accents and case aside).
  name: 'c.legal_name_search, c.number',
  unpaid: 'unpaid desc, c.legal_name_search, c.number',
  expiring: 'expiring desc, c.legal_name_search, c.number',
};

/**
 * One page of the customers the viewer's partner serves (partner of record of
 * at least one of their accounts), each with its unpaid and expiring online
 * services on the served accounts — where to act first. `query` finds a
 * customer by the start of a word of its legal name, or the start of one of
 * its agreement numbers or served purchase account numbers.
 */
export async function listServedCustomersPage(
  db: Db, viewer: Viewer,
  { page = 1, query, sort = 'name', today }: { page?: number; query?: string; sort?: ServedCustomerSort; today: string },
): Promise<ServedCustomersPage> {
  if (viewer.role !== 'partner_user' || !viewer.partner) return { rows: [], total: 0, page: 1, pages: 1 };
  const terms = searchTerms(query ?? '');
  const number = `${(query ?? '').trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const searching = (query ?? '').trim() !== '';
  const filter = searching
    ? `and ((${terms.length ? terms.map(() => "c.legal_name_search like ? escape '\\'").join(' and ') : 'false'})
         or exists (select 1 from agreements g where g.customer_id = c.id and g.number like ? escape '\\')
         or exists (select 1 from purchase_accounts p where p.customer_id = c.id and p.partner_id = s.partner_id and p.number like ? escape '\\'))`
    : '';
  const filterParams = searching ? [...terms.map(likeWordPrefix), number, number] : [];
  const served = `with s as (
      select a.customer_id, a.partner_id, count(*) as accounts,
             sum((select count(*) from inventory_lines l where l.purchase_account_id = a.id and ${unpaidServiceConditionText('l')})) as unpaid,
             sum((select count(*) from inventory_lines l where l.purchase_account_id = a.id and l.kind = 'subscription' and ${markedExpiryConditionText('l')})) as expiring
        from purchase_accounts a where a.partner_id = ? group by a.customer_id, a.partner_id)`;
  const base = [lastMarkedDate(today), viewer.partner.id];
  // The number of customers needs none of the sums: counted from the accounts alone.
  const customersServed = `with s as (select distinct a.customer_id, a.partner_id from purchase_accounts a where a.partner_id = ?)`;
  const total = (await statement<{ n: number }>(db, `${customersServed} select count(*) as n from s join customers c on c.id = s.customer_id where true ${filter}`).get(viewer.partner.id, ...filterParams))!.n;
  const pages = Math.max(1, Math.ceil(total / SERVED_CUSTOMERS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const offset = (current - 1) * SERVED_CUSTOMERS_PAGE_SIZE;
  const rows = (
    sort === 'name'
      ? // By name, the page is chosen first and only its 25 customers are counted: the cost does not grow with the partner's book.
        (await statement<ServedCustomerSummary>(db, 
            `${customersServed}, page as (
               select c.id, c.number, c.legal_name, c.legal_name_search from s join customers c on c.id = s.customer_id where true ${filter}
                order by c.legal_name_search, c.number limit ? offset ?)
             select page.number, page.legal_name as "legalName",
                    (select count(*) from purchase_accounts a where a.customer_id = page.id and a.partner_id = ?) as "accountCount",
                    (select count(*) from purchase_accounts a join inventory_lines l on l.purchase_account_id = a.id
                      where a.customer_id = page.id and a.partner_id = ? and ${unpaidServiceConditionText('l')}) as "unpaidServices",
                    (select count(*) from purchase_accounts a join inventory_lines l on l.purchase_account_id = a.id
                      where a.customer_id = page.id and a.partner_id = ? and l.kind = 'subscription' and ${markedExpiryConditionText('l')}) as "expiringServices"
               from page order by page.legal_name_search, page.number`,
          )
          .all(viewer.partner.id, ...filterParams, SERVED_CUSTOMERS_PAGE_SIZE, offset, viewer.partner.id, viewer.partner.id, viewer.partner.id, lastMarkedDate(today)))
      : // By what to act on first, every served customer's counts are needed to rank them.
        (await statement<ServedCustomerSummary>(db, 
            `${served} select c.number, c.legal_name as "legalName", s.accounts as "accountCount", s.unpaid as "unpaidServices", s.expiring as "expiringServices"
               from s join customers c on c.id = s.customer_id where true ${filter} order by ${ORDER[sort]} limit ? offset ?`,
          )
          .all(...base, ...filterParams, SERVED_CUSTOMERS_PAGE_SIZE, offset))
  );
  return { rows, total, page: current, pages };
}

/** Every customer the viewer's partner serves, by legal name (folded: accents and case aside). */
export async function listServedCustomers(db: Db, viewer: Viewer): Promise<ServedCustomer[]> {
  if (viewer.role !== 'partner_user' || !viewer.partner) return [];
  return (await servedCustomersQuery(db, viewer.partner.id));
}

function servedCustomersQuery(db: Db, partnerId: number) {
  return db
    .select({ number: customers.number, legalName: customers.legalName, accountCount: count(purchaseAccounts.id) })
    .from(purchaseAccounts)
    .innerJoin(customers, eq(customers.id, purchaseAccounts.customerId))
    .where(eq(purchaseAccounts.partnerId, partnerId))
    .groupBy(customers.id)
    .orderBy(asc(customers.legalNameSearch), asc(customers.number));
}

/** A product the order form suggests: an online service of the customer switched on beyond what is ordered. */
export interface ProductToOrder {
  code: string;
  name: string;
  /** The largest gap on one served account. */
  unpaid: number;
}

/** At most this many suggestions: the form's product field takes any code, the list only helps. */
export const PRODUCTS_TO_ORDER_LIMIT = 20;

/**
 * The online services to order for the customer in view (the unpaid online
 * services of the accounts the partner serves), largest gap first, bounded.
 */
export async function listProductsToOrder(db: Db, viewer: Viewer, locale: Locale = 'fr'): Promise<ProductToOrder[]> {
  if (viewer.role !== 'partner_user' || !viewer.customer) return [];
  const name = localNameSql(products.name, products.nameEn, locale);
  const unpaid = sql<number>`max(${unpaidQuantitySql()})`.mapWith(Number);
  return (await db
    .select({ code: products.code, name, unpaid })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .innerJoin(products, eq(products.id, inventoryLines.productId))
    .where(and(accountScope(viewer), unpaidServiceCondition()))
    .groupBy(products.id)
    .orderBy(desc(unpaid), asc(name))
    .limit(PRODUCTS_TO_ORDER_LIMIT)
    );
}
