/**
 * The one rule of text matching: what a person types and what is stored are
 * both folded by the application — lower case, no diacritics, punctuation as
 * spaces — and compared folded, so that `bc-été`, `BC-ÉTÉ` and `BC ETE` find
 * the PO number `BC-ÉTÉ-2026`, and `montreal` finds `Montréal`. The write
 * path stores folded copies (`*_search` columns) and every search compares a
 * folded query with them through plain `LIKE` patterns: no `lower()` or
 * collation in SQL, whose behaviour differs between SQLite and PostgreSQL
 * (SQLite's `lower()` leaves `É` alone).
 */

/**
 * The folded form of a text as stored: its words, folded, separated by one
 * space, with a leading space so that `LIKE '% term%'` matches the start of
 * any word. '' when there is nothing searchable.
 */
export function foldForSearch(...parts: (string | null | undefined)[]): string {
  const words = parts
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return words ? ` ${words}` : '';
}

/** The words of a user's query, folded the same way; empty when nothing searchable. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean).slice(0, 8);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Escapes LIKE wildcards in a folded term (the ESCAPE character is `\`): `% term%`, a word that starts with it. */
export function likeWordPrefix(term: string): string {
  return `% ${escapeLike(term)}%`;
}

/** The pattern of a folded column holding the folded query anywhere (words in the same order); null when nothing searchable. */
export function likeContains(query: string): string | null {
  const folded = foldForSearch(query).trimStart();
  return folded ? `%${escapeLike(folded)}%` : null;
}

/** The pattern of a folded column that starts as the folded query does (an order number from its start); null when nothing searchable. */
export function likeStartsWith(query: string): string | null {
  const folded = foldForSearch(query);
  return folded ? `${escapeLike(folded)}%` : null;
}

/** Digits only (spaces allowed between them): a number, matched from its start rather than as words. */
export function numberTyped(query: string): string | null {
  const digits = query.replace(/\s+/g, '');
  return /^\d{1,64}$/.test(digits) ? digits : null;
}

/** The LIKE pattern of a number column that starts with the digits typed. */
export function likeNumberPrefix(digits: string): string {
  return `${escapeLike(digits)}%`;
}
