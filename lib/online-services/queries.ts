/**
 * Reads of the set-up flow: the catalogue of online
 * services to choose from, the accounts to set them up on, a recorded
 * self-provisioning with the partner to ask, and a line to reduce. Every read
 * of customer data is scoped by accountScope(viewer); the catalogue is the
 * reseller's, the same for every customer.
 */
import type { Db } from '@/db/client';
import 'server-only';
import { and, asc, count, eq, or } from 'drizzle-orm';
import { inventoryLines, inventoryTransactions, partners, productFamilies, products, purchaseAccounts, type Locale } from '@/db/schema';
import { accountScope, type Viewer } from '@/lib/auth/scope';
import { localNameSql } from '@/lib/i18n/names';
import { searchTerms } from '@/lib/search/normalize';
import { startsWithMatch, wordsMatch } from '@/lib/search/sql';

/** At most this many services are offered at once; the search narrows a longer catalogue. */
export const SERVICE_CHOICES_LIMIT = 20;
/** Up to this many accounts the account is a drop-down; beyond, its number is typed (no list grows with the customer). */
export const ACCOUNT_CHOICES_LIMIT = 50;

export interface ServiceChoice {
  code: string;
  name: string;
  familyName: string;
}

/**
 * Online services of the catalogue matching every word of `query` (word
 * prefixes of the product and family names, or the code's start), by name;
 * at most SERVICE_CHOICES_LIMIT, with the number matching. `selected`, when
 * it is an online service, is always among the choices.
 */
export async function searchServiceCatalogue(
  db: Db, query: string | undefined,
  selected?: string,
  locale: Locale = 'fr',
): Promise<{ choices: ServiceChoice[]; total: number; selected: ServiceChoice | null }> {
  const productName = localNameSql(products.name, products.nameEn, locale);
  const terms = searchTerms(query ?? '');
  const where = and(eq(products.kind, 'online_service'), terms.length === 0 ? undefined : or(wordsMatch(products.search, query!), startsWithMatch(products.codeSearch, query!)));
  const catalogue = () =>
    db
      .select({ code: products.code, name: productName, familyName: localNameSql(productFamilies.name, productFamilies.nameEn, locale) })
      .from(products)
      .innerJoin(productFamilies, eq(productFamilies.id, products.familyId));
  const total = (await db.select({ n: count() }).from(products).where(where).limit(1))[0]?.n ?? 0;
  const choices = await catalogue().where(where).orderBy(asc(productName), asc(products.code)).limit(SERVICE_CHOICES_LIMIT);
  const chosen = selected ? ((await catalogue().where(and(eq(products.code, selected), eq(products.kind, 'online_service'))).limit(1))[0] ?? null) : null;
  if (chosen && !choices.some((choice) => choice.code === chosen.code)) choices.unshift(chosen);
  return { choices, total, selected: chosen };
}

export interface AccountChoice {
  number: string;
  name: string;
}

/** The viewer's accounts for the drop-down, or null when they are too many to list (the number is typed instead). */
export async function listAccountChoices(db: Db, viewer: Viewer): Promise<AccountChoice[] | null> {
  const rows = (await db
    .select({ number: purchaseAccounts.number, name: purchaseAccounts.name })
    .from(purchaseAccounts)
    .where(accountScope(viewer))
    .orderBy(asc(purchaseAccounts.number))
    .limit(ACCOUNT_CHOICES_LIMIT + 1)
    );
  return rows.length > ACCOUNT_CHOICES_LIMIT ? null : rows;
}

export interface ProvisioningLine {
  lineId: number;
  productCode: string;
  productName: string;
  accountNumber: string;
  accountName: string;
  available: number;
  ordered: number;
  nextExpiration: string | null;
  /** The purchase account's partner of record: who to ask to order. */
  partner: { name: string; email: string | null; phone: string | null };
}

function lineSelect(db: Db, locale: Locale = 'fr') {
  return db
    .select({
      lineId: inventoryLines.id,
      productCode: products.code,
      productName: localNameSql(products.name, products.nameEn, locale),
      accountNumber: purchaseAccounts.number,
      accountName: purchaseAccounts.name,
      available: inventoryLines.availableCount,
      ordered: inventoryLines.orderedCount,
      nextExpiration: inventoryLines.nextExpiration,
      partnerName: partners.name,
      partnerEmail: partners.contactEmail,
      partnerPhone: partners.contactPhone,
    })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .innerJoin(products, eq(products.id, inventoryLines.productId))
    .innerJoin(partners, eq(partners.id, purchaseAccounts.partnerId));
}

type LineSelectRow = Awaited<ReturnType<typeof lineSelect>>[number];

function toProvisioningLine({ partnerName, partnerEmail, partnerPhone, ...line }: LineSelectRow): ProvisioningLine {
  return { ...line, partner: { name: partnerName, email: partnerEmail, phone: partnerPhone } };
}

/** One of the viewer's online service subscriptions, with its partner of record; null when not theirs. */
export async function getProvisioningLine(db: Db, viewer: Viewer, lineId: number, locale: Locale = 'fr'): Promise<ProvisioningLine | null> {
  const row = (await lineSelect(db, locale)
    .where(and(accountScope(viewer), eq(inventoryLines.id, lineId), eq(inventoryLines.kind, 'subscription')))
    .limit(1))[0];
  return row ? toProvisioningLine(row) : null;
}

export interface ProvisioningReceipt extends ProvisioningLine {
  /** The change recorded: positive when switched on, negative when reduced. */
  change: number;
  occurredOn: string;
}

/** A self-provisioning the viewer may see, with the line as it is now; null when not theirs. */
export async function getProvisioningReceipt(db: Db, viewer: Viewer, transactionId: number, locale: Locale = 'fr'): Promise<ProvisioningReceipt | null> {
  const row = (await lineSelect(db, locale)
    .innerJoin(inventoryTransactions, eq(inventoryTransactions.lineId, inventoryLines.id))
    .where(and(accountScope(viewer), eq(inventoryTransactions.id, transactionId), eq(inventoryTransactions.kind, 'self_provisioning')))
    .limit(1))[0];
  if (!row) return null;
  const transaction = (await db
    .select({ change: inventoryTransactions.availableDelta, occurredOn: inventoryTransactions.occurredOn })
    .from(inventoryTransactions)
    .where(eq(inventoryTransactions.id, transactionId))
    .limit(1))[0]!;
  return { ...toProvisioningLine(row), ...transaction };
}
