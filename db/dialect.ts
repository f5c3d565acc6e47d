/**
 * What truly differs between the SQL of SQLite and of PostgreSQL, in one
 * place. Every other statement of the product is written in the part both
 * engines share (`coalesce`, `true`/`false`, `is distinct from`, complete
 * `group by`, `||`, `substr`, `like … escape`), so that moving to another
 * engine changes this module and the driver, not the queries.
 *
 * A query takes the forms of its handle's engine (`dialectOf(db)`); both
 * engines' forms run in the integration tests, which run on SQLite and on
 * PostgreSQL.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { connectionOf, type Db } from './handle';

export interface Dialect {
  /**
   * True when `needle` occurs in `text`. The searched columns are stored
   * folded with a leading space before every word, so with a needle of
   * ' term' this is "a word starts with term" — without LIKE's pattern
   * machinery and its escapes.
   */
  contains(text: SQLWrapper, needle: string): SQL;
  /** The values of a group joined into one text by `separator` (null for an empty group). */
  joinedText(value: SQLWrapper, separator: string): SQL<string | null>;
  /**
   * True when `value` is one of the values an uncorrelated `subquery` of one
   * column returns, tested on the rows already being read — never used to
   * look rows up. SQLite: `+value in (…)` (the `+` keeps it from driving an
   * index lookup per value). PostgreSQL: `value = any(array(…))`, the list
   * made once for the statement; written as `in (…)`, it became a subplan
   * whose cost the planner charged again on every row of a join's outer side,
   * and for a search of a small customer's inventory it read every line of
   * the database instead of that customer's (23 ms instead of 3).
   */
  inList(value: SQLWrapper, subquery: SQLWrapper): SQL;
}

export const sqliteDialect: Dialect = {
  contains: (text, needle) => sql`instr(${text}, ${needle}) > 0`,
  joinedText: (value, separator) => sql<string | null>`group_concat(${value}, ${separator})`,
  inList: (value, subquery) => sql`+${value} in (${subquery})`,
};

export const postgresDialect: Dialect = {
  contains: (text, needle) => sql`strpos(${text}, ${needle}) > 0`,
  joinedText: (value, separator) => sql<string | null>`string_agg(cast(${value} as text), ${separator})`,
  inList: (value, subquery) => sql`${value} = any(array(${subquery}))`,
};

/** The forms of the engine a handle runs on. */
export function dialectOf(db: Db): Dialect {
  return connectionOf(db).engine === 'postgres' ? postgresDialect : sqliteDialect;
}

/**
 * The clause that locks the rows a `select` reads, for the rest of the
 * transaction, so that a read-check-write cannot interleave with another
 * transaction's: PostgreSQL's `for no key update of <alias>` (the lock an
 * update of the row's other columns takes; it lets foreign-key checks of
 * other writers through). SQLite has no row locks and needs none: its write
 * transactions take the whole database (BEGIN IMMEDIATE) before they read.
 */
export function forUpdateOf(db: Db, alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
  return connectionOf(db).engine === 'postgres' ? ` for no key update of ${alias}` : '';
}
