/** What a partner user works on: the customers it serves (partner of record of at least one account). */
import 'server-only';
import { asc, count, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { customers, purchaseAccounts } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';

export interface ServedCustomer {
  number: string;
  legalName: string;
  accountCount: number;
}

export function listServedCustomers(viewer: Viewer): ServedCustomer[] {
  if (viewer.role !== 'partner_user' || !viewer.partner) return [];
  return getDb()
    .select({ number: customers.number, legalName: customers.legalName, accountCount: count(purchaseAccounts.id) })
    .from(purchaseAccounts)
    .innerJoin(customers, eq(customers.id, purchaseAccounts.customerId))
    .where(eq(purchaseAccounts.partnerId, viewer.partner.id))
    .groupBy(customers.id)
    .orderBy(asc(customers.legalName))
    .all();
}
