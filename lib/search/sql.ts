/**
 * The folded matching of lib/search/normalize.ts as SQL conditions over the
 * `*_search` columns: plain `LIKE … ESCAPE '\'` against patterns folded by
 * the application, which SQLite and PostgreSQL read alike.
 */
import { and, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { likeContains, likeNumberPrefix, likeStartsWith, likeWordPrefix, numberTyped, searchTerms } from './normalize';

/** Never true: a query with nothing searchable in it matches nothing (written so that both engines read a boolean). */
export const NOTHING: SQL = sql`1 = 0`;

/** Every word typed starts a word of the folded column, in any order. */
export function wordsMatch(column: AnyColumn | SQL, query: string): SQL {
  const terms = searchTerms(query);
  if (terms.length === 0) return NOTHING;
  return and(...terms.map((term) => sql`${column} like ${likeWordPrefix(term)} escape '\\'`))!;
}

/** The folded query anywhere in the folded column (its words in the same order, the last one as typed so far). */
export function containsMatch(column: AnyColumn | SQL, query: string): SQL {
  const pattern = likeContains(query);
  return pattern ? sql`${column} like ${pattern} escape '\\'` : NOTHING;
}

/** The folded column starts as the folded query does. */
export function startsWithMatch(column: AnyColumn | SQL, query: string): SQL {
  const pattern = likeStartsWith(query);
  return pattern ? sql`${column} like ${pattern} escape '\\'` : NOTHING;
}

/** A number column that starts with the digits typed; NOTHING when what was typed is not a number. */
export function numberStartsWith(column: AnyColumn | SQL, query: string): SQL {
  const digits = numberTyped(query);
  return digits ? sql`${column} like ${likeNumberPrefix(digits)} escape '\\'` : NOTHING;
}
