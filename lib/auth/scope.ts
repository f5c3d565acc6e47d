/**
 * What a viewer may see, as plain data and SQL: the Viewer loaded
 * from the database and the condition that keeps every query inside its
 * grants. No Next.js here, so scripts and tests use it as it is;
 * lib/auth/viewer.ts turns the session of a request into a Viewer.
 */
import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, grantAccounts, grants, partners, productSummaries, purchaseAccounts, users, type Locale } from '@/db/schema';
import { activeSession, type ActiveSession, type SessionLimits } from './sessions';

/** What every viewer has: who is asking. */
interface ViewerBase {
  userId: number;
  email: string;
  name: string;
  locale: Locale | null;
  rememberedAccountId: number | null;
}

export type ViewerCustomer = { id: number; number: string; legalName: string };
export type ViewerPartner = { id: number; code: string; name: string };

/** A customer administrator: every purchase account of the customer. */
export interface CustomerAdminViewer extends ViewerBase {
  role: 'customer_admin';
  customer: ViewerCustomer;
  partner: null;
  grantedAccountIds: null;
}

/** An account viewer: the purchase accounts granted, of one customer. */
export interface AccountViewer extends ViewerBase {
  role: 'account_viewer';
  customer: ViewerCustomer;
  partner: null;
  grantedAccountIds: number[];
}

/** A partner user working for a customer it serves (chosen with `customer=`): that customer's accounts of the partner. */
export interface PartnerCustomerViewer extends ViewerBase {
  role: 'partner_user';
  customer: ViewerCustomer;
  partner: ViewerPartner;
  grantedAccountIds: null;
}

/** A partner user who has not chosen a customer yet (the partner's home): no customer's data in view. */
export interface PartnerHomeViewer extends ViewerBase {
  role: 'partner_user';
  customer: null;
  partner: ViewerPartner;
  grantedAccountIds: null;
}

export type Viewer = CustomerAdminViewer | AccountViewer | PartnerCustomerViewer | PartnerHomeViewer;
/** A viewer with one customer's data in view. */
export type CustomerViewer = CustomerAdminViewer | AccountViewer | PartnerCustomerViewer;
export type PartnerViewer = PartnerCustomerViewer | PartnerHomeViewer;

export function hasCustomer(viewer: Viewer): viewer is CustomerViewer {
  return viewer.customer !== null;
}

export function isPartnerViewer(viewer: Viewer): viewer is PartnerViewer {
  return viewer.role === 'partner_user';
}

/** A partner user with a customer chosen: who may record, cancel and send that customer's orders. */
export function isPartnerCustomerViewer(viewer: Viewer): viewer is PartnerCustomerViewer {
  return viewer.role === 'partner_user' && viewer.customer !== null;
}

export function isCustomerAdmin(viewer: Viewer): viewer is CustomerAdminViewer {
  return viewer.role === 'customer_admin';
}

/** Loads the viewer of a user id and session version; null when the session no longer stands. */
export async function loadViewer(db: Db, userId: number, sessionVersion: number, customerNumber?: string | null): Promise<(Viewer & { unknownCustomer?: true }) | null> {
  // The user, its grant (the first, as every user has one) and the grant's customer or partner in one
  // statement: this runs on every request, and on PostgreSQL each statement is a round trip.
  const row = (await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      active: users.active,
      sessionVersion: users.sessionVersion,
      rememberedAccountId: users.rememberedAccountId,
      grantId: grants.id,
      role: grants.role,
      customerId: customers.id,
      customerNumber: customers.number,
      customerLegalName: customers.legalName,
      partnerId: partners.id,
      partnerCode: partners.code,
      partnerName: partners.name,
    })
    .from(users)
    .leftJoin(grants, eq(grants.id, sql`(select min(${grants.id}) from ${grants} where ${grants.userId} = ${users.id})`))
    .leftJoin(customers, eq(customers.id, grants.customerId))
    .leftJoin(partners, eq(partners.id, grants.partnerId))
    .where(eq(users.id, userId))
    .limit(1))[0];
  if (!row || !row.active || row.sessionVersion !== sessionVersion) return null;
  const { grantId, role } = row;
  if (grantId === null || role === null) return null;

  const base = {
    userId: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    rememberedAccountId: row.rememberedAccountId,
  };

  if (role === 'partner_user') {
    if (row.partnerId === null || row.partnerCode === null || row.partnerName === null) return null;
    const partner: ViewerPartner = { id: row.partnerId, code: row.partnerCode, name: row.partnerName };
    let customer: ViewerCustomer | null = null;
    if (customerNumber) {
      // A customer is in a partner's reach only if the partner is the partner of record of one of its accounts.
      customer =
        (await db
          .select({ id: customers.id, number: customers.number, legalName: customers.legalName })
          .from(customers)
          .where(
            and(
              eq(customers.number, customerNumber),
              sql`exists (select 1 from ${purchaseAccounts} where ${purchaseAccounts.customerId} = ${customers.id} and ${purchaseAccounts.partnerId} = ${partner.id})`,
            ),
          )
          .limit(1))[0] ?? null;
      if (!customer) return { ...base, role: 'partner_user', customer: null, partner, grantedAccountIds: null, unknownCustomer: true };
    }
    return customer ? { ...base, role: 'partner_user', customer, partner, grantedAccountIds: null } : { ...base, role: 'partner_user', customer: null, partner, grantedAccountIds: null };
  }

  if (row.customerId === null || row.customerNumber === null || row.customerLegalName === null) return null;
  const customer: ViewerCustomer = { id: row.customerId, number: row.customerNumber, legalName: row.customerLegalName };
  if (role === 'customer_admin') return { ...base, role: 'customer_admin', customer, partner: null, grantedAccountIds: null };
  const grantedAccountIds = (await db
    .select({ id: grantAccounts.purchaseAccountId })
    .from(grantAccounts)
    .where(eq(grantAccounts.grantId, grantId))
    )
    .map((granted) => granted.id);
  return { ...base, role: 'account_viewer', customer, partner: null, grantedAccountIds };
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
export async function loadSessionViewer(
  db: Db,
  claims: SessionClaims,
  now: number,
  limits: SessionLimits,
  customerNumber?: string | null,
  /** The session as this request already found it standing (lib/auth/checked-sessions.ts); read from its row otherwise. */
  checked?: ActiveSession,
): Promise<(Viewer & { unknownCustomer?: true }) | null> {
  const session = checked ?? (await activeSession(db, claims.sessionId, now, limits));
  if (!session || session.userId !== claims.userId) return null;
  return (await loadViewer(db, claims.userId, claims.sessionVersion, customerNumber));
}

/** The SQL condition on purchase_accounts that keeps a viewer inside their grants. */
export function accountScope(viewer: Viewer): SQL {
  if (!hasCustomer(viewer)) return sql`false`;
  switch (viewer.role) {
    case 'customer_admin':
      return eq(purchaseAccounts.customerId, viewer.customer.id);
    case 'account_viewer':
      return and(eq(purchaseAccounts.customerId, viewer.customer.id), inArray(purchaseAccounts.id, viewer.grantedAccountIds))!;
    case 'partner_user':
      return and(eq(purchaseAccounts.customerId, viewer.customer.id), eq(purchaseAccounts.partnerId, viewer.partner.id))!;
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
  if (!hasCustomer(viewer)) return sql`false`;
  switch (viewer.role) {
    case 'customer_admin':
      return eq(productSummaries.customerId, viewer.customer.id);
    case 'partner_user':
      return and(eq(productSummaries.customerId, viewer.customer.id), eq(productSummaries.partnerId, viewer.partner.id))!;
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
 * open in its customer's context for a partner user.
 */
export async function servedCustomerOf(db: Db, partnerId: number, reference: CustomerReference): Promise<string | null> {
  const conditions: SQL[] = [];
  if (reference.order) conditions.push(sql`${purchaseAccounts.id} = (select purchase_account_id from orders where number = ${reference.order})`);
  if (reference.line !== undefined) conditions.push(sql`${purchaseAccounts.id} = (select purchase_account_id from inventory_lines where id = ${reference.line})`);
  if (reference.account && reference.account !== 'all') conditions.push(eq(purchaseAccounts.number, reference.account));
  if (conditions.length === 0) return null;
  const rows = (await db
    .select({ number: customers.number })
    .from(purchaseAccounts)
    .innerJoin(customers, eq(customers.id, purchaseAccounts.customerId))
    .where(and(eq(purchaseAccounts.partnerId, partnerId), ...conditions))
    .limit(2)
    );
  // Every identifier given must point into the same served customer (an order and a line of two customers point nowhere).
  return rows.length === 1 ? rows[0]!.number : null;
}
