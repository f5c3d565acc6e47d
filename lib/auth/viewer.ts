/**
 * The viewer: who is asking and what they may see (SPEC §1), re-read from
 * the database on every request. Every page, route handler and server action
 * calls requireViewer() itself; every query takes the viewer and scopes its
 * `where` with accountScope(). The proxy only redirects early.
 */
import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb, type DB } from '@/db/client';
import { customers, grantAccounts, grants, partners, purchaseAccounts, users, type GrantRole, type Locale } from '@/db/schema';
import { auth } from './config';
import { HOME_PATH } from './redirect';

/** Set by proxy.ts on every request: the path and query the person asked for. */
export const REQUEST_PATH_HEADER = 'x-license-desk-path';

export interface Viewer {
  userId: number;
  email: string;
  name: string;
  locale: Locale | null;
  role: GrantRole;
  /** The customer whose data is in view; for a partner user, the one chosen with `customer=` (null until chosen). */
  customer: { id: number; number: string; legalName: string } | null;
  /** The partner a partner user works for. */
  partner: { id: number; code: string; name: string } | null;
  /** An account viewer's granted purchase accounts. */
  grantedAccountIds: number[] | null;
  rememberedAccountId: number | null;
}

/** Loads the viewer of a user id and session version; null when the session no longer stands. */
export function loadViewer(db: DB, userId: number, sessionVersion: number, customerNumber?: string | null): Viewer | null {
  const user = db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, active: users.active, sessionVersion: users.sessionVersion, rememberedAccountId: users.rememberedAccountId })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;

  const grant = db.select().from(grants).where(eq(grants.userId, user.id)).orderBy(grants.id).get();
  if (!grant) return null;

  const base = {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    role: grant.role,
    rememberedAccountId: user.rememberedAccountId,
  };

  if (grant.role === 'partner_user') {
    const partner = db.select({ id: partners.id, code: partners.code, name: partners.name }).from(partners).where(eq(partners.id, grant.partnerId!)).get();
    if (!partner) return null;
    let customer: Viewer['customer'] = null;
    if (customerNumber) {
      // A customer is in a partner's reach only if the partner is the partner of record of one of its accounts.
      customer =
        db
          .select({ id: customers.id, number: customers.number, legalName: customers.legalName })
          .from(customers)
          .where(
            and(
              eq(customers.number, customerNumber),
              sql`exists (select 1 from ${purchaseAccounts} where ${purchaseAccounts.customerId} = ${customers.id} and ${purchaseAccounts.partnerId} = ${partner.id})`,
            ),
          )
          .get() ?? null;
      if (!customer) return { ...base, customer: null, partner, grantedAccountIds: null, unknownCustomer: true } as Viewer & { unknownCustomer: true };
    }
    return { ...base, customer, partner, grantedAccountIds: null };
  }

  const customer = db.select({ id: customers.id, number: customers.number, legalName: customers.legalName }).from(customers).where(eq(customers.id, grant.customerId!)).get();
  if (!customer) return null;
  const grantedAccountIds =
    grant.role === 'account_viewer'
      ? db
          .select({ id: grantAccounts.purchaseAccountId })
          .from(grantAccounts)
          .where(eq(grantAccounts.grantId, grant.id))
          .all()
          .map((row) => row.id)
      : null;
  return { ...base, customer, partner: null, grantedAccountIds };
}

/** The SQL condition on purchase_accounts that keeps a viewer inside their grants. */
export function accountScope(viewer: Viewer): SQL {
  if (!viewer.customer) return sql`0`;
  switch (viewer.role) {
    case 'customer_admin':
      return eq(purchaseAccounts.customerId, viewer.customer.id);
    case 'account_viewer':
      return and(eq(purchaseAccounts.customerId, viewer.customer.id), inArray(purchaseAccounts.id, viewer.grantedAccountIds ?? []))!;
    case 'partner_user':
      return and(eq(purchaseAccounts.customerId, viewer.customer.id), eq(purchaseAccounts.partnerId, viewer.partner!.id))!;
  }
}

async function requestedPath(): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? HOME_PATH;
}

const viewerFor = cache(async (customerNumber: string | null): Promise<(Viewer & { unknownCustomer?: true }) | null | 'signed-out'> => {
  const session = await auth();
  if (!session?.userId) return 'signed-out';
  return loadViewer(getDb(), session.userId, session.sessionVersion, customerNumber);
});

/** The signed-in viewer, or null; for pages open to everybody (sign-in, language). */
export async function getOptionalViewer(): Promise<Viewer | null> {
  const viewer = await viewerFor(null);
  return viewer === 'signed-out' ? null : viewer;
}

/**
 * The viewer of this request, or a redirect to the sign-in page that comes
 * back to exactly the page asked for. A partner user passes the `customer=`
 * number of the page: one the partner does not serve is a 404.
 */
export async function requireViewer(customerNumber?: string | null): Promise<Viewer> {
  const viewer = await viewerFor(customerNumber ?? null);
  if (viewer === 'signed-out' || viewer === null) {
    const reason = viewer === null ? '&reason=session' : '';
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(await requestedPath())}${reason}`);
  }
  if (viewer.unknownCustomer) notFound();
  return viewer;
}
