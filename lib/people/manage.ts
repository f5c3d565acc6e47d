/**
 * A customer's people, managed by its administrators: invite
 * someone as an administrator or as an account viewer of chosen accounts,
 * change a role or grants, deactivate and reactivate. Never another
 * customer's people (not found, as for an unknown id), never the customer's
 * last active administrator. A change of role or grants, and a
 * deactivation, end the person's sessions at once; everything is audited.
 * No Next.js here: tests call it directly; lib/people/users-actions.ts wraps it.
 */
import 'server-only';
import { and, count, eq, inArray } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import type { Db } from '@/db/client';
import { customers, grantAccounts, grants, purchaseAccounts, users, type Locale } from '@/db/schema';
import { foldForSearch } from '@/lib/search/normalize';
import { containsMatch } from '@/lib/search/sql';
import { recordAudit } from '@/lib/audit/log';
import { endEverySession } from '@/lib/auth/account';
import type { Viewer } from '@/lib/auth/scope';
import { elision } from '@/lib/i18n/elision';
import { messages } from '@/lib/i18n/messages';
import { queueLinkMessage, type MailContext } from '@/lib/mail/outbox';
import { issueLink, LINK_LIFETIME_MS } from './tokens';
import { withTransaction } from '@/db/transaction';
import { lockRow } from '@/db/locks';
import { isUniqueViolation } from '@/db/errors';

export type CustomerRole = 'customer_admin' | 'account_viewer';

export interface PersonAccess {
  role: CustomerRole;
  /** Purchase account numbers, for an account viewer (at least one). */
  accounts: string[];
}

export type ManageOutcome =
  | { kind: 'done'; userId: number }
  /** An invitation: the same whether the address was new or already had access elsewhere. */
  | { kind: 'invited' }
  | { kind: 'not-found' }
  | { kind: 'invalid'; field: 'email' | 'accounts' | 'role' | 'active'; message: 'emailTaken' | 'accountsRequired' | 'lastAdministrator' };

function mayManage(viewer: Viewer): viewer is Viewer & { customer: NonNullable<Viewer['customer']> } {
  return viewer.role === 'customer_admin' && viewer.customer !== null;
}

/** The grant of one of the viewer's customer's people, or null (another customer's, a partner's, unknown). */
async function grantOfPerson(db: Db, viewer: Viewer & { customer: NonNullable<Viewer['customer']> }, userId: number) {
  return (await db
    .select({ id: grants.id, role: grants.role })
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.customerId, viewer.customer.id)))
    .limit(1))[0];
}

/** Account numbers of the viewer's customer → ids; null when one is not the customer's. */
async function accountIds(db: Db, customerId: number, numbers: string[]): Promise<number[] | null> {
  if (numbers.length === 0) return [];
  const rows = (await db
    .select({ id: purchaseAccounts.id })
    .from(purchaseAccounts)
    .where(and(eq(purchaseAccounts.customerId, customerId), inArray(purchaseAccounts.number, numbers)))
    );
  return rows.length === new Set(numbers).size ? rows.map((row) => row.id) : null;
}

async function activeAdministrators(db: Db, customerId: number): Promise<number> {
  return (await db
    .select({ id: users.id })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(and(eq(grants.customerId, customerId), eq(grants.role, 'customer_admin'), eq(users.active, true)))
    ).length;
}

async function setAccess(db: Db, grantId: number, access: PersonAccess, ids: number[]): Promise<void> {
  await db.update(grants).set({ role: access.role }).where(eq(grants.id, grantId));
  await db.delete(grantAccounts).where(eq(grantAccounts.grantId, grantId));
  if (access.role === 'account_viewer') for (const id of ids) await db.insert(grantAccounts).values({ grantId, purchaseAccountId: id });
}

/**
 * Invites someone to the viewer's customer: the user is created without a
 * password (they choose it through the invitation, valid 72 hours) and the
 * invitation is queued in their language, in the same transaction.
 *
 * An address that already belongs to one of the customer's own people is
 * refused (the administrator sees them in Personnes anyway). An address that
 * belongs anywhere else — another customer, a partner — is answered exactly
 * like any other invitation: nothing changes for it, and its owner (only)
 * is told by e-mail that someone tried to invite them. The inviter learns
 * nothing about the address.
 */
export async function invitePerson(
  db: Db,
  viewer: Viewer,
  person: { email: string; name: string; locale: Locale } & PersonAccess,
  context: MailContext,
): Promise<ManageOutcome> {
  if (!mayManage(viewer)) return { kind: 'not-found' };
  const email = person.email.trim().toLowerCase();
  if (person.role === 'account_viewer' && person.accounts.length === 0) return { kind: 'invalid', field: 'accounts', message: 'accountsRequired' };
  const ids = (await accountIds(db, viewer.customer.id, person.role === 'account_viewer' ? person.accounts : []));
  if (ids === null) return { kind: 'not-found' };
  const audit = async (tx: Db) =>
    (await recordAudit(tx, {
      action: 'person_invited',
      userId: viewer.userId,
      entity: 'user',
      entityId: email,
      details: { role: person.role, accounts: person.accounts.join(' ') },
      customerId: viewer.customer.id,
      address: context.address,
      at: context.now,
    }));
  // The check of the address and the new user in one transaction. On SQLite nothing interleaves; on PostgreSQL
  // two invitations of one new address at once both find none, and the unique address refuses the second's new
  // user: that one runs again and finds the first's (an existing user).
  const invite = () => withTransaction(db, async (tx): Promise<ManageOutcome> => {
      const existing = (await tx.select({ id: users.id, email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.email, email)).limit(1))[0];
      if (existing) {
        if ((await grantOfPerson(tx, viewer, existing.id))) return { kind: 'invalid', field: 'email', message: 'emailTaken' };
        await queueAccessNotice(tx, existing, context);
        await audit(tx);
        return { kind: 'invited' };
      }
      const { id } = (await tx.insert(users).values({ email, name: person.name.trim(), locale: person.locale, passwordHash: null, createdAt: context.now, nameSearch: foldForSearch(person.name, email) }).returning({ id: users.id }))[0]!;
      const { id: grantId } = (await tx.insert(grants).values({ userId: id, role: person.role, customerId: viewer.customer.id }).returning({ id: grants.id }))[0]!;
      await setAccess(tx, grantId, person, ids);
      await audit(tx);
      await queueInvitation(tx, id, context, { customerId: viewer.customer.id, invitedByUserId: viewer.userId });
      return { kind: 'invited' };
    });
  try {
    return await invite();
  } catch (error) {
    if (isUniqueViolation(error)) return invite();
    throw error;
  }
}

/** Tells the owner of an address that already has access that someone tried to invite it (nothing changed). */
async function queueAccessNotice(db: Db, user: { id: number; email: string; name: string; locale: Locale | null }, context: MailContext): Promise<void> {
  const locale: Locale = user.locale ?? 'fr';
  const t = createTranslator({ locale, messages: messages[locale], namespace: 'people.accessNoticeMail' });
  await queueLinkMessage(db, context, {
    kind: 'access_notice',
    userId: user.id,
    to: user.email,
    subject: t('subject'),
    before: [t('greeting', { name: user.name }), t('body')],
    link: { url: new URL('/sign-in', context.appUrl).toString(), label: t('link') },
    after: [t('ignore')],
  });
}

/** Who an invitation comes from: the customer whose inventory it opens, and the administrator who sent it (null: the portal's administrator, from the command line). */
export interface InvitationFrom {
  customerId: number;
  invitedByUserId: number | null;
}

/**
 * Queues the invitation of a person who has not chosen a password yet (a new
 * link replaces the old one). Synchronous: call it inside the transaction of
 * the change that causes it. Returns the link.
 */
export async function queueInvitation(db: Db, userId: number, context: MailContext, from: InvitationFrom): Promise<string> {
  const user = (await db.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId)).limit(1))[0]!;
  const locale: Locale = user.locale ?? 'fr';
  const t = createTranslator({ locale, messages: messages[locale], namespace: 'people.invitationMail' });
  // The message says who invites, and to whose inventory: a person is more likely to trust, and to recognise, an invitation that names both.
  const organisation = (await db.select({ name: customers.legalName }).from(customers).where(eq(customers.id, from.customerId)).limit(1))[0]!.name;
  const inviter = from.invitedByUserId === null ? null : (await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, from.invitedByUserId)).limit(1))[0];
  const named = { organisation, elision: elision(organisation) };
  const body = inviter ? t('body', { ...named, inviter: inviter.name, inviterEmail: inviter.email }) : t('bodyFromPortal', named);
  return withTransaction(db, async (tx) => {
    const token = (await issueLink(tx, userId, 'invitation', context.now));
    const url = new URL(`/invitation/${token}`, context.appUrl).toString();
    await queueLinkMessage(tx, context, {
      kind: 'invitation',
      userId,
      to: user.email,
      subject: t('subject'),
      before: [t('greeting', { name: user.name }), body],
      link: { url, label: t('link') },
      after: [t('validity')],
      discardAfter: context.now + LINK_LIFETIME_MS.invitation,
    });
    return url;
  });
}

/** A new role or new accounts for one of the customer's people; ends their sessions. */
export async function changeAccess(db: Db, viewer: Viewer, userId: number, access: PersonAccess, context: { now: number; address: string }): Promise<ManageOutcome> {
  if (!mayManage(viewer)) return { kind: 'not-found' };
  // One immediate transaction: the "last administrator" check and the change cannot interleave with another
  // administrator's, even from another server process.
  return (await withTransaction(db, async (tx): Promise<ManageOutcome> => {
      // The customer's access changes take turns: the count of administrators cannot change before the change is made.
      await lockRow(tx, 'customers', viewer.customer.id);
      const grant = (await grantOfPerson(tx, viewer, userId));
      if (!grant) return { kind: 'not-found' };
      if (access.role === 'account_viewer' && access.accounts.length === 0) return { kind: 'invalid', field: 'accounts', message: 'accountsRequired' };
      const ids = (await accountIds(tx, viewer.customer.id, access.role === 'account_viewer' ? access.accounts : []));
      if (ids === null) return { kind: 'not-found' };
      if (grant.role === 'customer_admin' && access.role !== 'customer_admin' && (await activeAdministrators(tx, viewer.customer.id)) <= 1) {
        return { kind: 'invalid', field: 'role', message: 'lastAdministrator' };
      }
      await setAccess(tx, grant.id, access, ids);
      await endEverySession(tx, userId, context.now);
      const email = (await tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1))[0]!.email;
      await recordAudit(tx, { action: 'access_changed', userId: viewer.userId, entity: 'user', entityId: email, details: { role: access.role, accounts: access.accounts.join(' ') }, customerId: viewer.customer.id, address: context.address, at: context.now });
      return { kind: 'done', userId };
    }));
}

/** Deactivates (sessions end, sign-in refused) or reactivates one of the customer's people. */
export async function setPersonActive(db: Db, viewer: Viewer, userId: number, active: boolean, context: { now: number; address: string }): Promise<ManageOutcome> {
  if (!mayManage(viewer)) return { kind: 'not-found' };
  // As changeAccess(): the check and the change in one immediate transaction.
  return (await withTransaction(db, async (tx): Promise<ManageOutcome> => {
      await lockRow(tx, 'customers', viewer.customer.id);
      const grant = (await grantOfPerson(tx, viewer, userId));
      if (!grant) return { kind: 'not-found' };
      const user = (await tx.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, userId)).limit(1))[0]!;
      if (!active && user.active && grant.role === 'customer_admin' && (await activeAdministrators(tx, viewer.customer.id)) <= 1) {
        return { kind: 'invalid', field: 'active', message: 'lastAdministrator' };
      }
      await tx.update(users).set({ active }).where(eq(users.id, userId));
      if (!active) await endEverySession(tx, userId, context.now);
      await recordAudit(tx, { action: active ? 'person_reactivated' : 'person_deactivated', userId: viewer.userId, entity: 'user', entityId: user.email, customerId: viewer.customer.id, address: context.address, at: context.now });
      return { kind: 'done', userId };
    }));
}

export interface PersonRow {
  id: number;
  email: string;
  name: string;
  locale: Locale | null;
  role: CustomerRole;
  accounts: string[];
  lastSignInAt: number | null;
  active: boolean;
  /** Invited and not yet arrived (no password chosen). */
  invited: boolean;
}

export const PEOPLE_PAGE_SIZE = 50;

/** One page of the viewer's customer's people, by name; null for anyone but a customer administrator. */
/**
 * A page of the customer's people, by folded name. `query` (optional) keeps
 * those whose name or e-mail address contains what was typed, case and
 * accents aside (the folded `name_search` column holds both).
 */
export async function listPeople(db: Db, viewer: Viewer, page = 1, query?: string): Promise<{ rows: PersonRow[]; total: number; page: number; pages: number } | null> {
  if (!mayManage(viewer)) return null;
  const scope = and(eq(grants.customerId, viewer.customer.id), query ? containsMatch(users.nameSearch, query) : undefined);
  const total = (await db.select({ n: count() }).from(grants).innerJoin(users, eq(users.id, grants.userId)).where(scope).limit(1))[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = (await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, role: grants.role, grantId: grants.id, lastSignInAt: users.lastSignInAt, active: users.active, passwordHash: users.passwordHash })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(scope)
    // The folded name: "Élodie" sorts with the E, as a French or English reader expects, and paging by offset stays exact.
    .orderBy(users.nameSearch, users.email, users.id)
    .limit(PEOPLE_PAGE_SIZE)
    .offset((current - 1) * PEOPLE_PAGE_SIZE)
    );
  const accounts = (await db
    .select({ grantId: grantAccounts.grantId, number: purchaseAccounts.number })
    .from(grantAccounts)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, grantAccounts.purchaseAccountId))
    .where(inArray(grantAccounts.grantId, rows.map((row) => row.grantId)))
    );
  return {
    rows: rows.map(({ grantId, passwordHash, ...row }) => ({
      ...row,
      role: row.role as CustomerRole,
      accounts: accounts.filter((account) => account.grantId === grantId).map((account) => account.number).sort(),
      invited: passwordHash === null,
    })),
    total,
    page: current,
    pages,
  };
}

/** One of the viewer's customer's people, or null (not theirs, unknown, or the viewer is not an administrator). */
export async function getPerson(db: Db, viewer: Viewer, userId: number): Promise<PersonRow | null> {
  if (!mayManage(viewer)) return null;
  const grant = (await grantOfPerson(db, viewer, userId));
  if (!grant) return null;
  const user = (await db.select({ id: users.id, email: users.email, name: users.name, locale: users.locale, lastSignInAt: users.lastSignInAt, active: users.active, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1))[0]!;
  const accounts = (await db
    .select({ number: purchaseAccounts.number })
    .from(grantAccounts)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, grantAccounts.purchaseAccountId))
    .where(eq(grantAccounts.grantId, grant.id))
    )
    .map((row) => row.number)
    .sort();
  const { passwordHash, ...rest } = user;
  return { ...rest, role: grant.role as CustomerRole, accounts, invited: passwordHash === null };
}
