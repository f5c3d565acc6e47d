/**
 * Many rows of one table written at once, the way each engine does it
 * cheapest — for the importer, which writes a row per licence position and
 * per transaction (hundreds of thousands in one transaction).
 *
 * - SQLite: one prepared statement run per row on the connection, the new id
 *   from the connection's last row id (db/statements.ts). A statement costs a
 *   few microseconds there; nothing is gained by building larger ones.
 * - PostgreSQL: every statement is a round trip to the server (120–180 µs on
 *   loopback, more across a network), so a row per statement makes a large
 *   import many times slower than on SQLite. The new ids are taken from the
 *   table's identity sequence in one statement, then the rows are sent with
 *   their ids as one array per column, thousands of rows a statement
 *   (`insert … select * from unnest($1::bigint[], $2::text[], …)`: the text
 *   and the plan stay the same whatever the number of rows, unlike a
 *   multi-row VALUES list, and were measured about three times faster for
 *   chunks of 5,000 rows). Updates likewise, joined to their arrays.
 *
 * Called with a transaction's handle (`tx`), everything runs inside that
 * transaction; the rows are written in the order given, and the ids answered
 * in that order (ascending on both engines).
 *
 * Table and column names are SQL names checked against the schema (they are
 * written into the statement's text); values are parameters, as in
 * `statement()`: booleans as 1/0, instants as milliseconds.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { connectionOf, transactionOf, type Db, type OpenTransaction, type PostgresConnection } from './handle';
import { postgresQuery, textPostgresHolds } from './postgres';
import { pgTables } from './schema.pg';
import { statement, type Param } from './statements';

/** Rows per statement on PostgreSQL: large enough that the round trip no longer counts, small enough to bound one statement's parameters. */
export const BATCH_ROWS = 5000;

/** Per table (SQL name), its columns' PostgreSQL types by SQL name: the casts of the arrays, and the check of the names. */
const columnTypes = new Map<string, Map<string, string>>(
  Object.values(pgTables).map((table) => [
    getTableName(table),
    new Map(Object.values(getTableColumns(table) as Record<string, PgColumn>).map((column) => [column.name, column.getSQLType()])),
  ]),
);

function typesOf(table: string, columns: readonly string[]): string[] {
  const types = columnTypes.get(table);
  if (!types) throw new Error(`batch write: no table ${table} in the schema`);
  return columns.map((column) => {
    const type = types.get(column);
    if (!type) throw new Error(`batch write: no column ${table}.${column} in the schema`);
    return type;
  });
}

function checkWidth(rows: readonly Param[][], width: number, what: string): void {
  for (const row of rows) if (row.length !== width) throw new Error(`batch write: a row of ${row.length} values for ${width} ${what}`);
}

const NEEDS_ESCAPE = /[\\"]/g;

/** One value as an element of an array literal: every string quoted (so that '', 'NULL' and spaces stay what they are), double quotes and backslashes escaped. */
function arrayElement(value: Param | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') throw new Error('batch write: binary values are not written in batches');
  const text = textPostgresHolds(value) as string;
  return `"${text.includes('"') || text.includes('\\') ? text.replace(NEEDS_ESCAPE, '\\$&') : text}"`;
}

/**
 * The rows' values column by column, each column as the text of a PostgreSQL
 * array (`{1,NULL,"a"}`), strings with U+0000 as U+FFFD as every other
 * parameter (db/postgres.ts). Written here rather than left to the driver,
 * whose general-purpose array encoding took about three times as long — half
 * a second of a 100,000-position import.
 */
function columnArrays(rows: readonly Param[][], width: number): string[] {
  const arrays: string[] = [];
  const elements = new Array<string>(rows.length);
  for (let c = 0; c < width; c++) {
    for (let r = 0; r < rows.length; r++) elements[r] = arrayElement(rows[r]![c]);
    arrays.push(`{${elements.join(',')}}`);
  }
  return arrays;
}

/** `unnest($1::bigint[], $2::text[], …)` for the given types. */
function unnestOf(types: readonly string[]): string {
  return `unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})`;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/**
 * Inserts `rows` (values in the order of `columns`, the key left out) into
 * `table`, whose key is the identity column `id`; answers the new ids in the
 * rows' order.
 */
export async function insertMany(db: Db, table: string, columns: readonly string[], rows: readonly Param[][]): Promise<number[]> {
  const types = typesOf(table, columns);
  checkWidth(rows, columns.length, 'columns');
  if (rows.length === 0) return [];
  const connection = connectionOf(db);
  if (connection.engine === 'postgres') return insertManyOnPostgres(connection, db, table, columns, types, rows);
  const insert = statement(db, `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  const ids = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) ids[i] = await insert.insert(...rows[i]!);
  return ids;
}

/** Per database, the identity sequence of each table, as a constant of the statement's text. */
const sequences = new WeakMap<PostgresConnection, Map<string, string>>();

/**
 * The table's identity sequence as a `regclass` literal, looked up once:
 * `pg_get_serial_sequence(…)` in the statement itself would be evaluated
 * again for every id (a catalogue look-up each, most of the statement's time
 * for thousands of ids), whereas a literal is resolved once, when the
 * statement is parsed.
 */
async function sequenceOf(connection: PostgresConnection, open: OpenTransaction | undefined, table: string): Promise<string> {
  let known = sequences.get(connection);
  if (!known) sequences.set(connection, (known = new Map()));
  let literal = known.get(table);
  if (literal === undefined) {
    const found = await postgresQuery<{ name: string | null }>(connection, open, `select pg_get_serial_sequence($1, 'id') as name`, [table]);
    const name = found.rows[0]?.name;
    if (!name) throw new Error(`batch write: ${table}.id takes its values from no sequence`);
    literal = `'${name.replaceAll("'", "''")}'::regclass`;
    known.set(table, literal);
  }
  return literal;
}

async function insertManyOnPostgres(
  connection: PostgresConnection,
  db: Db,
  table: string,
  columns: readonly string[],
  types: readonly string[],
  rows: readonly Param[][],
): Promise<number[]> {
  const open = transactionOf(db);
  // Every id in one statement, ascending: the order in which the rows are written, as SQLite gives them.
  const taken = await postgresQuery<{ id: number }>(
    connection,
    open,
    `select nextval(${await sequenceOf(connection, open, table)}) as id from generate_series(1, $1) order by 1`,
    [rows.length],
  );
  const ids = taken.rows.map((row) => Number(row.id));
  const text = `insert into ${table} (id, ${columns.join(', ')}) select * from ${unnestOf(['bigint', ...types])}`;
  let start = 0;
  for (const chunk of chunks(rows, BATCH_ROWS)) {
    await postgresQuery(connection, open, text, [`{${ids.slice(start, start + chunk.length).join(',')}}`, ...columnArrays(chunk, columns.length)]);
    start += chunk.length;
  }
  return ids;
}

/** What an update of many rows changes: columns given a new value, and columns given an amount added to what they hold (counts). */
export interface ManyUpdate {
  set?: readonly string[];
  add?: readonly string[];
}

/**
 * Updates rows of `table` by id: each row of `rows` is `[id, ...values of
 * set, ...amounts of add]`. An id may appear once (on PostgreSQL a row
 * matched twice by one update is changed once, so amounts for one row must
 * be added up by the caller; refused on both engines alike).
 */
export async function updateMany(db: Db, table: string, { set = [], add = [] }: ManyUpdate, rows: readonly Param[][]): Promise<void> {
  const columns = [...set, ...add];
  if (columns.length === 0) throw new Error('batch write: an update that changes no column');
  const types = typesOf(table, ['id', ...columns]);
  checkWidth(rows, columns.length + 1, 'values (the id and each column)');
  const ids = new Set(rows.map((row) => row[0]));
  if (ids.size !== rows.length) throw new Error(`batch write: an id given twice in one update of ${table}`);
  if (rows.length === 0) return;
  const assignments = [...set.map((column) => `${column} = v.${column}`), ...add.map((column) => `${column} = ${table}.${column} + v.${column}`)].join(', ');
  const connection = connectionOf(db);
  if (connection.engine === 'sqlite') {
    const sqliteAssignments = [...set.map((column) => `${column} = ?`), ...add.map((column) => `${column} = ${column} + ?`)].join(', ');
    const update = statement(db, `update ${table} set ${sqliteAssignments} where id = ?`);
    for (const [id, ...values] of rows) await update.run(...values, id!);
    return;
  }
  const open = transactionOf(db);
  const text = `update ${table} set ${assignments} from ${unnestOf(types)} as v(id, ${columns.join(', ')}) where ${table}.id = v.id`;
  for (const chunk of chunks(rows, BATCH_ROWS)) await postgresQuery(connection, open, text, columnArrays(chunk, columns.length + 1));
}
