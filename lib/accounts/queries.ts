/**
 * Purchase accounts as a viewer may see them: the context bar, the selector
 * and which accounts a page shows (resolveAccountSelection).
 */
import type { Db } from '@/db/client';
import 'server-only';
import { and, asc, count, eq, like, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { agreements, customers, partners, purchaseAccounts } from '@/db/schema';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { likeWordPrefix, searchTerms } from '@/lib/search/normalize';

export interface AccountSummary {
  id: number;
  number: string;
  name: string;
  city: string;
  country: string;
  agreementNumber: string;
  customerNumber: string;
  customerLegalName: string;
  partnerName: string;
}

const summaryColumns = {
  id: purchaseAccounts.id,
  number: purchaseAccounts.number,
  name: purchaseAccounts.name,
  city: purchaseAccounts.city,
  country: purchaseAccounts.country,
  agreementNumber: agreements.number,
  customerNumber: customers.number,
  customerLegalName: customers.legalName,
  partnerName: partners.name,
};

function accountsWithDetails(db: Db) {
  return db
    .select(summaryColumns)
    .from(purchaseAccounts)
    .innerJoin(agreements, eq(agreements.id, purchaseAccounts.agreementId))
    .innerJoin(customers, eq(customers.id, purchaseAccounts.customerId))
    .innerJoin(partners, eq(partners.id, purchaseAccounts.partnerId));
}

export async function countAccounts(db: Db, viewer: Viewer): Promise<number> {
  return (await db.select({ n: count() }).from(purchaseAccounts).where(accountScope(viewer)).limit(1))[0]?.n ?? 0;
}

/** One account by number, or null when it does not exist or is outside the viewer's grants. */
export async function getAccountByNumber(db: Db, viewer: Viewer, number: string): Promise<AccountSummary | null> {
  return (await accountsWithDetails(db).where(and(accountScope(viewer), eq(purchaseAccounts.number, number))).limit(1))[0] ?? null;
}

async function getAccountById(db: Db, viewer: Viewer, id: number): Promise<AccountSummary | null> {
  return (await accountsWithDetails(db).where(and(accountScope(viewer), eq(purchaseAccounts.id, id))).limit(1))[0] ?? null;
}

/** The five fields of the selector's drop-down: agreement number, customer legal entity name, location, account name, account number. */
export const ACCOUNT_SEARCH_FIELDS = ['agreement', 'entity', 'location', 'name', 'number'] as const;
export type AccountSearchField = (typeof ACCOUNT_SEARCH_FIELDS)[number];
export type AccountCriteria = Partial<Record<AccountSearchField, string>>;

/** Words match the start of any word, ignoring case and accents; numbers match from their start. */
function criterionCondition(field: AccountSearchField, value: string): SQL | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const words = (column: SQLiteColumn) => {
    const terms = searchTerms(trimmed);
    if (terms.length === 0) return sql`false`;
    return and(...terms.map((term) => sql`${column} like ${likeWordPrefix(term)} escape '\\'`));
  };
  const numberPrefix = (column: SQLiteColumn) => like(column, `${trimmed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  switch (field) {
    case 'number':
      return sql`${numberPrefix(purchaseAccounts.number)} escape '\\'`;
    case 'agreement':
      return sql`${numberPrefix(agreements.number)} escape '\\'`;
    case 'name':
      return words(purchaseAccounts.nameSearch);
    case 'location':
      return words(purchaseAccounts.locationSearch);
    case 'entity':
      return words(customers.legalNameSearch);
  }
}

export const ACCOUNTS_PAGE_SIZE = 20;

export async function searchAccounts(db: Db, viewer: Viewer, criteria: AccountCriteria, page: number): Promise<{ rows: AccountSummary[]; total: number; page: number; pages: number }> {
  const conditions = ACCOUNT_SEARCH_FIELDS.map((field) => (criteria[field] ? criterionCondition(field, criteria[field]) : undefined));
  const where = and(accountScope(viewer), ...conditions);
  const total =
    (await db
      .select({ n: count() })
      .from(purchaseAccounts)
      .innerJoin(agreements, eq(agreements.id, purchaseAccounts.agreementId))
      .innerJoin(customers, eq(customers.id, purchaseAccounts.customerId))
      .where(where)
      .limit(1))[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = (await accountsWithDetails(db)
    .where(where)
    .orderBy(asc(purchaseAccounts.number))
    .limit(ACCOUNTS_PAGE_SIZE)
    .offset((current - 1) * ACCOUNTS_PAGE_SIZE)
    );
  return { rows, total, page: current, pages };
}

export type AccountSelection =
  | { kind: 'account'; account: AccountSummary; accountCount: number }
  | { kind: 'all'; accountCount: number }
  | { kind: 'choose'; accountCount: number }
  | { kind: 'not-found' };

/**
 * Which accounts a page shows: `account=NUMBER`, or `all`; without
 * it the remembered account if still granted, else the only one, else the
 * selector. A number outside the grants is not found.
 */
export async function resolveAccountSelection(db: Db, viewer: Viewer, accountParam: string | undefined): Promise<AccountSelection> {
  const accountCount = (await countAccounts(db, viewer));
  if (accountParam === 'all') return accountCount > 0 ? { kind: 'all', accountCount } : { kind: 'not-found' };
  if (accountParam) {
    const account = (await getAccountByNumber(db, viewer, accountParam));
    return account ? { kind: 'account', account, accountCount } : { kind: 'not-found' };
  }
  if (viewer.rememberedAccountId) {
    const remembered = (await getAccountById(db, viewer, viewer.rememberedAccountId));
    if (remembered) return { kind: 'account', account: remembered, accountCount };
  }
  if (accountCount === 1) {
    const only = (await accountsWithDetails(db).where(accountScope(viewer)).limit(1))[0];
    if (only) return { kind: 'account', account: only, accountCount };
  }
  return { kind: 'choose', accountCount };
}
