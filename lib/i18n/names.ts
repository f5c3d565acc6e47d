/**
 * Names people read, in the reader's language. The catalogue's names
 * (families, products, packages, editions, Software Assurance benefits,
 * transaction remarks) are stored as their French form — or the only form
 * given — with the English form beside it (null: the same). A reader sees
 * their language's form, or the other one when it is missing.
 *
 * Resource usage is a fixed vocabulary stored as codes (RESOURCE_USAGES),
 * named by the catalogues (`inventory.resourceUsages.<code>`); a value stored
 * before the vocabulary that matched none of its names is shown as written.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { RESOURCE_USAGES, type Locale, type ResourceUsage } from '@/db/schema';
import { messages } from './messages';

/** The note of the transactions an import writes itself (opening balances, adjustments): a fixed phrase, named by the catalogues (`inventory.history.importNote`). */
export const IMPORT_NOTE = 'import';

/** A stored name in the reader's language: the English form when there is one and the reader reads English. */
export function localName(name: string, nameEn: string | null | undefined, locale: Locale): string;
export function localName(name: string | null, nameEn: string | null | undefined, locale: Locale): string | null;
export function localName(name: string | null, nameEn: string | null | undefined, locale: Locale): string | null {
  return locale === 'en' && nameEn ? nameEn : name;
}

/** The same choice in SQL, so that lists sort by the name the reader sees. */
export function localNameSql(name: AnyColumn | SQL, nameEn: AnyColumn | SQL, locale: Locale): SQL<string> {
  return locale === 'en' ? sql<string>`coalesce(${nameEn}, ${name})` : sql<string>`${name}`;
}

/** The names of the resource usage vocabulary in both languages, from the catalogues: what pages show, and what an import or a form accepts besides the codes. */
export const RESOURCE_USAGE_NAMES: Record<ResourceUsage, Record<Locale, string>> = Object.fromEntries(
  RESOURCE_USAGES.map((code) => [code, { fr: messages.fr.inventory.resourceUsages[code], en: messages.en.inventory.resourceUsages[code] }]),
) as Record<ResourceUsage, Record<Locale, string>>;

export function isResourceUsage(value: string): value is ResourceUsage {
  return (RESOURCE_USAGES as readonly string[]).includes(value);
}

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const BY_NAME = new Map<string, ResourceUsage>(
  RESOURCE_USAGES.flatMap((code) => [
    [fold(code), code],
    [fold(RESOURCE_USAGE_NAMES[code].fr), code],
    [fold(RESOURCE_USAGE_NAMES[code].en), code],
  ]),
);

/** The code a typed resource usage names — a code, or its French or English name, in any case and with or without accents —, '' for nothing typed, null when it names none. */
export function resourceUsageCode(typed: string): ResourceUsage | '' | null {
  const folded = fold(typed);
  if (!folded) return '';
  return BY_NAME.get(folded) ?? null;
}

/** A stored resource usage in the reader's language: the vocabulary's name, or the stored text when it is not a code. */
export function resourceUsageName(stored: string, locale: Locale): string {
  return isResourceUsage(stored) ? RESOURCE_USAGE_NAMES[stored][locale] : stored;
}

/** Every name of a stored resource usage (both languages for a code), for the search text of a line. */
export function resourceUsageNames(stored: string): string[] {
  return isResourceUsage(stored) ? [RESOURCE_USAGE_NAMES[stored].fr, RESOURCE_USAGE_NAMES[stored].en] : [stored];
}
