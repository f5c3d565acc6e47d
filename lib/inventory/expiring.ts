/**
 * Expire bientôt: the online services in the viewer's scope whose
 * next expiration is within SOON_DAYS (90) or has passed, soonest first, and
 * the subscriptions expiring per month over the next twelve months. The
 * window and the markers are the inventory's rule (./rules.ts), not a copy.
 */
import type { Db } from '@/db/client';
import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { inventoryLines, products, purchaseAccounts, type Locale } from '@/db/schema';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { localNameSql } from '@/lib/i18n/names';
import type { AccountFilter } from './queries';
import { markedExpiryCondition } from './expiry';

export const EXPIRING_PAGE_SIZE = 50;

export interface ExpiringLine {
  lineId: number;
  productName: string;
  edition: string;
  accountNumber: string;
  accountName: string;
  available: number;
  ordered: number;
  nextExpiration: string;
}

function conditions(viewer: Viewer, accounts: AccountFilter, today: string) {
  return and(
    accountScope(viewer),
    accounts === 'all' ? undefined : eq(purchaseAccounts.id, accounts.accountId),
    eq(inventoryLines.kind, 'subscription'),
    // Everything up to SOON_DAYS ahead, the past included: the rule marks all of it (expired, imminent, soon).
    markedExpiryCondition(today),
  );
}

/** One page of what expires within 90 days or has expired, soonest first; `page` is clamped into range. */
export async function listExpiring(
  db: Db, viewer: Viewer,
  { accounts, today, page, locale = 'fr' }: { accounts: AccountFilter; today: string; page: number; locale?: Locale },
): Promise<{ lines: ExpiringLine[]; total: number; page: number; pages: number }> {
  const productName = localNameSql(products.name, products.nameEn, locale);
  const where = conditions(viewer, accounts, today);
  const total =
    (await db
      .select({ n: count() })
      .from(inventoryLines)
      .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
      .where(where)
      .limit(1))[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / EXPIRING_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const lines = (await db
    .select({
      lineId: inventoryLines.id,
      productName,
      edition: localNameSql(inventoryLines.edition, inventoryLines.editionEn, locale),
      accountNumber: purchaseAccounts.number,
      accountName: purchaseAccounts.name,
      available: inventoryLines.availableCount,
      ordered: inventoryLines.orderedCount,
      nextExpiration: sql<string>`${inventoryLines.nextExpiration}`,
    })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .innerJoin(products, eq(products.id, inventoryLines.productId))
    .where(where)
    .orderBy(asc(inventoryLines.nextExpiration), asc(productName), asc(purchaseAccounts.number), asc(inventoryLines.id))
    .limit(EXPIRING_PAGE_SIZE)
    .offset((current - 1) * EXPIRING_PAGE_SIZE)
    );
  return { lines, total, page: current, pages };
}

export interface MonthOfExpirations {
  /** YYYY-MM. */
  month: string;
  /** Available subscriptions whose next expiration falls in the month. */
  subscriptions: number;
  lines: number;
}

/** The next twelve months from today's, each with the subscriptions (available counts) expiring in it; months without any count zero. */
export async function expirationsByMonth(db: Db, viewer: Viewer, { accounts, today }: { accounts: AccountFilter; today: string }): Promise<MonthOfExpirations[]> {
  const first = `${today.slice(0, 7)}-01`;
  const months = Array.from({ length: 12 }, (_, index) => {
    const date = new Date(`${first}T00:00:00Z`);
    date.setUTCMonth(date.getUTCMonth() + index);
    return date.toISOString().slice(0, 7);
  });
  const end = (() => {
    const date = new Date(`${months[11]}-01T00:00:00Z`);
    date.setUTCMonth(date.getUTCMonth() + 1);
    return date.toISOString().slice(0, 10);
  })();
  const rows = (await db
    .select({
      month: sql<string>`substr(${inventoryLines.nextExpiration}, 1, 7)`,
      subscriptions: sql<number>`sum(${inventoryLines.availableCount})`.mapWith(Number),
      lines: sql<number>`count(*)`.mapWith(Number),
    })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .where(
      and(
        accountScope(viewer),
        accounts === 'all' ? undefined : eq(purchaseAccounts.id, accounts.accountId),
        eq(inventoryLines.kind, 'subscription'),
        sql`${inventoryLines.nextExpiration} >= ${first} and ${inventoryLines.nextExpiration} < ${end}`,
      ),
    )
    .groupBy(sql`substr(${inventoryLines.nextExpiration}, 1, 7)`)
    );
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  return months.map((month) => ({ month, subscriptions: Number(byMonth.get(month)?.subscriptions ?? 0), lines: Number(byMonth.get(month)?.lines ?? 0) }));
}
