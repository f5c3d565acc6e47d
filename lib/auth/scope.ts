/**
 * What a viewer may see (SPEC §1), as plain data and SQL: the Viewer loaded
 * from the database and the condition that keeps every query inside its
 * grants. No Next.js here, so scripts and tests use it as it is;
 * lib/auth/viewer.ts turns the session of a request into a Viewer.
 */
import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { customers, grantAccounts, grants, partners, productSummaries, purchaseAccounts, users, type GrantRole, type Locale } from '@/db/schema';
import { activeSession, type SessionLimits } from './sessions';

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

/** What a session cookie says, once next-auth has checked its signature. */
export interface SessionClaims {
  userId: number;
  sessionVersion: number;
  sessionId: string;
}

/**
 * The viewer of a session cookie: null unless its server-side session still
 * stands (not signed out, not idle, not past its lifetime — lib/auth/sessions.ts)
 * and its user may still sign in.
 */
export function loadSessionViewer(db: DB, claims: SessionClaims, now: number, limits: SessionLimits, customerNumber?: string | null): (Viewer & { unknownCustomer?: true }) | null {
  const session = activeSession(db, claims.sessionId, now, limits);
  if (!session || session.userId !== claims.userId) return null;
  return loadViewer(db, claims.userId, claims.sessionVersion, customerNumber);
}

/** The SQL condition on purchase_accounts that keeps a viewer inside their grants. */
export function accountScope(viewer: Viewer): SQL {
  if (!viewer.customer) return sql`false`;
  switch (viewer.role) {
    case 'customer_admin':
      return eq(purchaseAccounts.customerId, viewer.customer.id);
    case 'account_viewer':
      return and(eq(purchaseAccounts.customerId, viewer.customer.id), inArray(purchaseAccounts.id, viewer.grantedAccountIds ?? []))!;
    case 'partner_user':
      return and(eq(purchaseAccounts.customerId, viewer.customer.id), eq(purchaseAccounts.partnerId, viewer.partner!.id))!;
  }
}

/**
 * The same rule on the product summaries (lib/inventory/summaries.ts), which
 * are kept per customer and partner of record: a customer administrator's
 * scope is the customer's rows, a partner user's the customer's rows of its
 * partner. Null for an account viewer, whose chosen accounts the summaries
 * cannot tell apart: the caller reads the lines of those accounts instead.
 */
export function summaryScope(viewer: Viewer): SQL | null {
  if (!viewer.customer) return sql`false`;
  switch (viewer.role) {
    case 'customer_admin':
      return eq(productSummaries.customerId, viewer.customer.id);
    case 'partner_user':
      return and(eq(productSummaries.customerId, viewer.customer.id), eq(productSummaries.partnerId, viewer.partner!.id))!;
    case 'account_viewer':
      return null;
  }
}

/** Identifiers in an address that each belong to one customer: an order number, a line id, a purchase account number. */
export interface CustomerReference {
  order?: string;
  line?: number;
  account?: string;
}

/**
 * The customer that `reference` belongs to, when the partner is the partner
 * of record of its purchase account; null otherwise (another partner's, or no
 * such thing). Lets a plain link — an order, a `line=`, an `account=` —
 * open in its customer's context for a partner user (issue 9, defect 2).
 */
export function servedCustomerOf(db: DB, partnerId: number, reference: CustomerReference): string | null {
  const conditions: SQL[] = [];
  if (reference.order) conditions.push(sql`${purchaseAccounts.id} = (select purchase_account_id from orders where number = ${reference.order})`);
  if (reference.line !== undefined) conditions.push(sql`${purchaseAccounts.id} = (select purchase_account_id from inventory_lines where id = ${reference.line})`);
  if (reference.account && reference.account !== 'all') conditions.push(eq(purchaseAccounts.number, reference.account));
  if (conditions.length === 0) return null;
  const rows = db
    .select({ number: customers.number })
    .from(purchaseAccounts)
    .innerJoin(customers, eq(customers.id, purchaseAccounts.customerId))
    .where(and(eq(purchaseAccounts.partnerId, partnerId), ...conditions))
    .limit(2)
    .all();
  // Every identifier given must point into the same served customer (an order and a line of two customers point nowhere).
  return rows.length === 1 ? rows[0]!.number : null;
}
