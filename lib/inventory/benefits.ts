/**
 * The Software Assurance and services benefits tab: per purchase account,
 * each benefit with the quantity entitled, used, remaining and its expiry.
 * The page and its CSV export both read listBenefits(), so they always show
 * the same rows and figures.
 */
import type { Db } from '@/db/client';
import 'server-only';
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { purchaseAccounts, softwareAssuranceBenefits, type Locale } from '@/db/schema';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { localNameSql } from '@/lib/i18n/names';
import type { AccountFilter } from './queries';
import { inventoryParamsSchema } from './view';

/**
 * A benefit list is a handful of rows per account, but `account=all` for a
 * large customer has no natural bound: past this many rows the page and the
 * export stop and say so, rather than rendering an unbounded table.
 */
export const BENEFITS_ROW_LIMIT = 2_000;

export interface BenefitRow {
  id: number;
  name: string;
  entitled: number;
  used: number;
  /** What is left to use: never negative, even when more was used than entitled. */
  remaining: number;
  /** YYYY-MM-DD */
  expiresOn: string;
}

export interface BenefitAccountGroup {
  accountNumber: string;
  accountName: string;
  benefits: BenefitRow[];
}

/** Purchase accounts a page of the tab shows, each with all its benefits: the page costs the same for a customer with 300 accounts. */
export const BENEFIT_ACCOUNTS_PER_PAGE = 20;

export interface BenefitsList {
  accounts: BenefitAccountGroup[];
  /** The page shown and how many there are (accounts with benefits, BENEFIT_ACCOUNTS_PER_PAGE a page); 1 of 1 for the export. */
  page: number;
  pages: number;
  /** Rows shown (at most BENEFITS_ROW_LIMIT). */
  shown: number;
  /** Rows in scope; larger than `shown` only when the list was capped. */
  total: number;
  capped: boolean;
}

/**
 * Remaining quantity of a benefit. An import can record more used than
 * entitled (a correction not yet made upstream); a negative remainder would
 * read as a debt, so it is shown as nothing left.
 */
export function remainingBenefit(entitled: number, used: number): number {
  return Math.max(0, entitled - used);
}

/**
 * The parameters of the benefits tab and its export: only the scope
 * (`customer`, `account`) matters here. The inventory's own schema is reused
 * so that both tabs read those two the same way (malformed → default).
 */
const benefitsParamsSchema = inventoryParamsSchema.pick({ customer: true, account: true, page: true });

export type BenefitsParams = z.infer<typeof benefitsParamsSchema>;

/** Parses the benefits tab's search parameters; `ignored` tells whether a malformed one was dropped. */
export function parseBenefitsParams(raw: Record<string, string | string[] | undefined>): { params: BenefitsParams; ignored: boolean } {
  const params = benefitsParamsSchema.parse(raw);
  const ignored = (['customer', 'account', 'page'] as const).some((key) => raw[key] !== undefined && raw[key] !== '' && params[key] === undefined);
  return { params, ignored };
}

function conditions(viewer: Viewer, accounts: AccountFilter): SQL {
  return and(accountScope(viewer), accounts === 'all' ? undefined : eq(softwareAssuranceBenefits.purchaseAccountId, accounts.accountId))!;
}

/**
 * The benefits in the viewer's scope, grouped by purchase account, ordered by
 * account number, then benefit name, then expiry (a benefit can appear twice
 * with different expiries).
 */
export async function listBenefits(db: Db, viewer: Viewer, accounts: AccountFilter, page: number | 'all' = 'all', locale: Locale = 'fr'): Promise<BenefitsList> {
  if (page !== 'all') return benefitsPage(db, viewer, accounts, page, locale);
  const where = conditions(viewer, accounts);
  // One row more than the limit tells whether there is more without counting every time.
  const rows = await benefitRows(db, where, locale).limit(BENEFITS_ROW_LIMIT + 1);

  const capped = rows.length > BENEFITS_ROW_LIMIT;
  const kept = capped ? rows.slice(0, BENEFITS_ROW_LIMIT) : rows;
  const total = capped
    ? ((await db
        .select({ n: count() })
        .from(softwareAssuranceBenefits)
        .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, softwareAssuranceBenefits.purchaseAccountId))
        .where(where)
        .limit(1))[0]?.n ?? kept.length)
    : kept.length;

  return { accounts: groupByAccount(kept), shown: kept.length, total, capped, page: 1, pages: 1 };
}

/**
 * One page of the tab: the next BENEFIT_ACCOUNTS_PER_PAGE accounts in scope
 * that have benefits, by number, each with every benefit; `page` is clamped.
 */
async function benefitsPage(db: Db, viewer: Viewer, accounts: AccountFilter, page: number, locale: Locale): Promise<BenefitsList> {
  const withBenefits = and(
    accountScope(viewer),
    accounts === 'all' ? undefined : eq(purchaseAccounts.id, accounts.accountId),
    sql`exists (select 1 from ${softwareAssuranceBenefits} where ${softwareAssuranceBenefits.purchaseAccountId} = ${purchaseAccounts.id})`,
  );
  const accountCount = (await db.select({ n: count() }).from(purchaseAccounts).where(withBenefits).limit(1))[0]?.n ?? 0;
  const total = (await db.select({ n: count() }).from(softwareAssuranceBenefits).innerJoin(purchaseAccounts, eq(purchaseAccounts.id, softwareAssuranceBenefits.purchaseAccountId)).where(conditions(viewer, accounts)).limit(1))[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(accountCount / BENEFIT_ACCOUNTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const pageAccounts = (await db
    .select({ id: purchaseAccounts.id })
    .from(purchaseAccounts)
    .where(withBenefits)
    .orderBy(asc(purchaseAccounts.number))
    .limit(BENEFIT_ACCOUNTS_PER_PAGE)
    .offset((current - 1) * BENEFIT_ACCOUNTS_PER_PAGE)
    )
    .map((row) => row.id);
  const rows = pageAccounts.length ? await benefitRows(db, and(accountScope(viewer), inArray(purchaseAccounts.id, pageAccounts))!, locale) : [];
  return { accounts: groupByAccount(rows), shown: rows.length, total, capped: false, page: current, pages };
}

/** The benefits matching `where` with their account, in the tab's order: by account number, benefit name (in the reader's language), expiry. */
function benefitRows(db: Db, where: SQL, locale: Locale) {
  const name = localNameSql(softwareAssuranceBenefits.benefit, softwareAssuranceBenefits.benefitEn, locale);
  return db
    .select({
      id: softwareAssuranceBenefits.id,
      accountNumber: purchaseAccounts.number,
      accountName: purchaseAccounts.name,
      name,
      entitled: softwareAssuranceBenefits.entitled,
      used: softwareAssuranceBenefits.used,
      expiresOn: softwareAssuranceBenefits.expiresOn,
    })
    .from(softwareAssuranceBenefits)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, softwareAssuranceBenefits.purchaseAccountId))
    .where(where)
    .orderBy(asc(purchaseAccounts.number), asc(name), asc(softwareAssuranceBenefits.expiresOn), asc(softwareAssuranceBenefits.id))
    .$dynamic();
}

interface BenefitListRow {
  id: number;
  accountNumber: string;
  accountName: string;
  name: string;
  entitled: number;
  used: number;
  expiresOn: string;
}

/** Rows ordered by account, gathered under their account. */
function groupByAccount(rows: BenefitListRow[]): BenefitAccountGroup[] {
  const groups: BenefitAccountGroup[] = [];
  for (const row of rows) {
    let group = groups.at(-1);
    if (!group || group.accountNumber !== row.accountNumber) {
      group = { accountNumber: row.accountNumber, accountName: row.accountName, benefits: [] };
      groups.push(group);
    }
    group.benefits.push({
      id: row.id,
      name: row.name,
      entitled: row.entitled,
      used: row.used,
      remaining: remainingBenefit(row.entitled, row.used),
      expiresOn: row.expiresOn,
    });
  }
  return groups;
}
