/**
 * Search folding shared by the write path (which stores folded `*_search`
 * columns) and the queries: lower case, no diacritics, punctuation as spaces,
 * and a leading space so that `LIKE '% term%'` matches the start of any word.
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

/** Escapes LIKE wildcards in a folded term (the ESCAPE character is `\`). */
export function likeWordPrefix(term: string): string {
  return `% ${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
