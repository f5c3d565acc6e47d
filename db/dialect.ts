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
import { inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
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
   * How a condition "one of the ids a catalogue lookup returns" is best
   * written, tested on rows already being read (never used to look rows up).
   * `inline`: the lookup as a subquery inside the statement, `+value in (…)`
   * (SQLite; the `+` keeps it from driving an index lookup per value).
   * `parameter`: the ids looked up first and passed as one list parameter,
   * `oneOf()` (PostgreSQL). There, as a subquery, the planner charged the
   * lookup again for every row of a join's outer side and read every line of
   * the database for a small customer's search (23 ms instead of 3); as an
   * array made inside the statement, each row was compared with every id in
   * turn (54 ms for a large customer's). A parameter's values are known when
   * the statement is planned: the planner sees how many ids there are, and
   * tests a row against them through a hash.
   */
  idLists: 'inline' | 'parameter';
  /** True when `value` is one of `ids` (a list parameter on PostgreSQL, a list of parameters on SQLite). */
  oneOf(value: SQLWrapper, ids: number[]): SQL;
}

export const sqliteDialect: Dialect = {
  contains: (text, needle) => sql`instr(${text}, ${needle}) > 0`,
  joinedText: (value, separator) => sql<string | null>`group_concat(${value}, ${separator})`,
  idLists: 'inline',
  oneOf: (value, ids) => inArray(value, ids),
};

export const postgresDialect: Dialect = {
  contains: (text, needle) => sql`strpos(${text}, ${needle}) > 0`,
  joinedText: (value, separator) => sql<string | null>`string_agg(cast(${value} as text), ${separator})`,
  idLists: 'parameter',
  oneOf: (value, ids) => sql`${value} = any(${sql.param(ids)})`,
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
