/**
 * `npm run db:copy -- [--from FILE] [--to postgres://…]`: moves an install
 * from SQLite to PostgreSQL — copies every row of an existing SQLite database
 * (default DATABASE_PATH) into an empty PostgreSQL database (default
 * DATABASE_URL), which it migrates first.
 *
 * Engine: SQLite to PostgreSQL: both at once, so not through the process's
 * handle (`database()`, one engine: DATABASE_URL wins). It reads the SQLite
 * file directly, by its path, through db/'s read-only handle
 * (`openReadOnlyDatabase`): the source must be the file as it is — never
 * created, migrated or written — and a read-only connection can hold one read
 * snapshot while a server still writes to it. Every statement goes through
 * db/ (`statement`, `rows`, `withTransaction`); no driver here. Unlike the
 * product's statements, a few are one engine's own, since each side is known:
 * the source's bookkeeping (sqlite_master, sqlite_sequence, the applied
 * migrations) and the target's (information_schema, sequences, `unnest`,
 * `analyze`).
 *
 * It refuses, with a message and exit code 1 and without writing anything,
 * when either side cannot be opened, when the source is not migrated to this
 * version's latest migration (or has rows whose search columns are not folded
 * yet), and when the target already holds data in any table it would fill.
 *
 * Then, in one transaction on the target (and one read snapshot of the
 * source): every table in foreign-key order (derived from db/schema.ts), 5,000
 * rows per insert, the values converted by column (SQLite's 0/1 become the
 * booleans of db/schema.pg.ts); every identity sequence set past the largest
 * id the source ever gave, so that the next insert gets a fresh one; the
 * planner's statistics; then the checks — the row count of every table equal
 * to the source's, and the ledger, the order figures and the product
 * summaries' totals saying on the copy exactly what they say on the source
 * (nothing, normally). A failed check rolls the whole copy back.
 *
 * Not copied: per-process state that the new servers make for themselves
 * (NOT_COPIED below). Sessions are copied: they are who is signed in (and
 * the record of who was); only their hashes are stored, and the same
 * AUTH_SECRET keeps those people signed in after the move.
 *
 * Stop the servers on the SQLite database first: what they write after the
 * copy has begun is not in the copy. The database file is not written; like
 * any reader of a database in WAL mode, SQLite may leave empty -wal and -shm
 * files beside it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { openReadOnlyDatabase, type Db } from '@/db/client';
import { unfoldedRows } from '@/db/folded';
import { connectionOf } from '@/db/handle';
import { closePostgres, maskedUrl, openPostgres, PostgresUnavailableError } from '@/db/postgres';
import * as schema from '@/db/schema';
import { pgTables } from '@/db/schema.pg';
import { rows, statement, type Param } from '@/db/statements';
import { withTransaction } from '@/db/transaction';
import { env } from '@/lib/env';
import { ledgerDiscrepancies } from '@/lib/inventory/ledger';
import { orderFigureDiscrepancies } from '@/lib/orders/figures';

const USAGE = 'usage: npm run db:copy -- [--from FILE] [--to postgres://user:password@host:5432/database]  (defaults: DATABASE_PATH, DATABASE_URL)';

/** Per-process state, not data: the new servers make their own, and a copy would only be stale. */
const NOT_COPIED: Record<string, string> = {
  rate_limits: 'counters of the sign-in and link rate limits, which expire within the hour',
  health_checks: 'the health probe’s one row, rewritten by every check',
  worker_leases: 'names an old server process as the mail sender; copied, it would keep the new servers from sending until it expired',
};

/** Rows read from the source, and inserted by one statement, at a time. */
const BATCH = 5000;

/** The PostgreSQL types db/schema.pg.ts gives columns, by drizzle's column class. */
const PG_TYPES = { PgBigInt53: 'bigint', PgBoolean: 'boolean', PgDoublePrecision: 'double precision', PgText: 'text' } as const;

interface Column {
  name: string;
  /** Its PostgreSQL type (db/schema.pg.ts). */
  type: (typeof PG_TYPES)[keyof typeof PG_TYPES];
  /** A boolean on PostgreSQL, stored as 0/1 by SQLite. */
  boolean: boolean;
}

interface CopiedTable {
  name: string;
  columns: Column[];
  /** The primary key's columns (read in that order, so that a table's rows go in as the source holds them). */
  key: string[];
}

interface TableReport {
  name: string;
  rows: number;
  ms: number;
}

/** A reason not to copy: said as it is, exit code 1, nothing written. */
class Refusal extends Error {
  override name = 'Refusal';
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Every table of db/schema.ts with its columns, in an order where each table
 * comes after the tables its foreign keys point to (derived from the
 * schema's keys, so a new table or key needs nothing here).
 */
function tablesInKeyOrder(): CopiedTable[] {
  const sqliteTables = new Map<string, SQLiteTable>();
  for (const value of Object.values(schema)) if (is(value, SQLiteTable)) sqliteTables.set(getTableName(value), value);
  const pgByName = new Map(Object.values(pgTables).map((table) => [getTableName(table), table]));
  const dependsOn = new Map(
    [...sqliteTables].map(([name, table]) => [
      name,
      // A table referring to itself would be filled in key order; none does.
      new Set(getTableConfig(table).foreignKeys.map((key) => getTableName(key.reference().foreignTable)).filter((target) => target !== name)),
    ]),
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < sqliteTables.size) {
    const next = [...sqliteTables.keys()].find((name) => !placed.has(name) && [...dependsOn.get(name)!].every((target) => placed.has(target)));
    if (!next) throw new Error(`db/schema.ts: the foreign keys of ${[...sqliteTables.keys()].filter((name) => !placed.has(name)).join(', ')} form a cycle`);
    ordered.push(next);
    placed.add(next);
  }
  return ordered.map((name) => {
    const table = sqliteTables.get(name)!;
    const pgTable = pgByName.get(name);
    if (!pgTable) throw new Error(`db/schema.pg.ts has no table ${name}`);
    const pgColumns = new Map(Object.values(getTableColumns(pgTable) as Record<string, PgColumn>).map((column) => [column.name, column]));
    const columns = Object.values(getTableColumns(table) as Record<string, SQLiteColumn>).map((column) => {
      const type = PG_TYPES[pgColumns.get(column.name)?.columnType as keyof typeof PG_TYPES];
      if (!type) throw new Error(`db/schema.pg.ts: no PostgreSQL type known here for ${name}.${column.name}`);
      return { name: column.name, type, boolean: type === 'boolean' };
    });
    const primary = Object.values(getTableColumns(table) as Record<string, SQLiteColumn>).filter((column) => column.primary);
    const key = primary.length > 0 ? primary.map((column) => column.name) : (getTableConfig(table).primaryKeys[0]?.columns.map((column) => column.name) ?? []);
    if (key.length === 0) throw new Error(`db/schema.ts: table ${name} has no primary key to read it by`);
    return { name, columns, key };
  });
}

/** The source must be this version's database: every migration applied (and none newer), every search column folded. */
async function checkSource(source: Db, path: string): Promise<void> {
  const journal = JSON.parse(readFileSync(join(process.cwd(), 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  const latest = journal.entries.at(-1)!;
  const migrations = await statement<{ n: number }>(source, "select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!migrations?.n) throw new Refusal(`--from ${path}: this is not a License Desk database (it has never been migrated).`);
  const applied = await statement<{ last: number | null }>(source, 'select max(created_at) as last from __drizzle_migrations').get();
  const last = applied?.last ?? 0;
  if (last > latest.when) throw new Refusal(`--from ${path}: the database was migrated by a newer version of License Desk than this one; copy it with that version.`);
  if (last < latest.when) {
    throw new Refusal(`--from ${path}: the database is not migrated to the latest migration (${latest.tag}). Migrate it first (DATABASE_PATH=${path} npm run db:migrate, or start this version's server on it once), then copy.`);
  }
  if ((await unfoldedRows(source)) > 0) {
    throw new Refusal(`--from ${path}: some rows wait for their search columns to be filled. Migrate it first (DATABASE_PATH=${path} npm run db:migrate), then copy.`);
  }
}

/** The tables about to be filled that hold a row already (those the target has at all). */
async function tablesHoldingData(target: Db, tables: CopiedTable[]): Promise<string[]> {
  const present = new Set((await statement<{ name: string }>(target, 'select table_name as name from information_schema.tables where table_schema = current_schema()').all()).map((row) => row.name));
  const holding: string[] = [];
  for (const table of tables) {
    if (present.has(table.name) && (await statement(target, `select 1 as found from ${quoted(table.name)} limit 1`).get())) holding.push(table.name);
  }
  return holding;
}

function converted(table: CopiedTable, row: Record<string, unknown>): unknown[] {
  return table.columns.map((column) => {
    const value = row[column.name];
    if (!column.boolean || value === null) return value;
    if (value === 0 || value === 1) return value === 1;
    throw new Error(`${table.name}.${column.name} holds ${JSON.stringify(value)}, which is not a boolean (0 or 1)`);
  });
}

/**
 * Inserts a batch as one statement that takes each column as one array
 * (`unnest`): a handful of parameters however many rows, so PostgreSQL parses
 * and plans one short statement per batch instead of one with thousands of
 * placeholders.
 */
async function insertRows(tx: Db, table: CopiedTable, values: unknown[][]): Promise<void> {
  if (values.length === 0) return;
  const columnList = sql.join(
    table.columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  const arrays = sql.join(
    table.columns.map((column, index) => sql`${sql.param(values.map((row) => row[index]))}::${sql.raw(column.type)}[]`),
    sql`, `,
  );
  await rows(tx, sql`insert into ${sql.identifier(table.name)} (${columnList}) select * from unnest(${arrays})`);
}

/** Copies one table, read in key order BATCH rows at a time; answers how many rows. */
async function copyTable(snapshot: Db, tx: Db, table: CopiedTable): Promise<number> {
  const columns = table.columns.map((column) => quoted(column.name)).join(', ');
  const order = table.key.map(quoted).join(', ');
  const from = `select ${columns} from ${quoted(table.name)}`;
  let copied = 0;
  if (table.key.length === 1) {
    // A single key: each batch starts after the last key read.
    const key = table.key[0]!;
    const first = statement<Record<string, unknown>>(snapshot, `${from} order by ${order} limit ?`);
    const next = statement<Record<string, unknown>>(snapshot, `${from} where ${quoted(key)} > ? order by ${order} limit ?`);
    let last: Param | undefined;
    for (;;) {
      const batch = last === undefined ? await first.all(BATCH) : await next.all(last, BATCH);
      if (batch.length === 0) break;
      await insertRows(tx, table, batch.map((row) => converted(table, row)));
      copied += batch.length;
      last = batch.at(-1)![key] as Param;
      if (batch.length < BATCH) break;
    }
  } else {
    const page = statement<Record<string, unknown>>(snapshot, `${from} order by ${order} limit ? offset ?`);
    for (;;) {
      const batch = await page.all(BATCH, copied);
      if (batch.length === 0) break;
      await insertRows(tx, table, batch.map((row) => converted(table, row)));
      copied += batch.length;
      if (batch.length < BATCH) break;
    }
  }
  return copied;
}

/**
 * Every identity column's sequence set past the largest id the source ever
 * gave: SQLite's AUTOINCREMENT never gives an id twice, not even that of a
 * deleted row (sqlite_sequence remembers the largest), and the copy keeps
 * that promise — an audit entry naming a deleted grant by its id must not
 * come to name a new one.
 */
async function resetSequences(snapshot: Db, tx: Db): Promise<number> {
  const given = new Map((await statement<{ name: string; seq: number }>(snapshot, 'select name, seq from sqlite_sequence').all()).map((row) => [row.name, Number(row.seq)]));
  const identities = await statement<{ table: string; column: string }>(
    tx,
    `select table_name as "table", column_name as "column" from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'`,
  ).all();
  for (const { table, column } of identities) {
    await statement(tx, `select setval(pg_get_serial_sequence(?, ?), greatest(coalesce((select max(${quoted(column)}) from ${quoted(table)}), 0), ?) + 1, false)`).get(
      table,
      column,
      given.get(table) ?? 0,
    );
  }
  return identities.length;
}

const TOTALS = ['lines', 'licences', 'sa', 'available', 'ordered'] as const;

/**
 * The product summaries' totals against the lines' (every line is counted in
 * exactly one summary row). Not productSummaryDiscrepancies, which compares
 * row by row through correlated subqueries over a CTE that PostgreSQL
 * re-scans for every row: 14 s for 10,000 summary rows.
 */
async function summaryTotalDiscrepancies(db: Db): Promise<string[]> {
  type Totals = Record<(typeof TOTALS)[number], number>;
  const lines = await statement<Totals>(
    db,
    `select count(*) as lines, coalesce(sum(license_count), 0) as licences, coalesce(sum(sa_count), 0) as sa,
            coalesce(sum(available_count), 0) as available, coalesce(sum(ordered_count), 0) as ordered from inventory_lines`,
  ).get();
  const summaries = await statement<Totals>(
    db,
    `select coalesce(sum(line_count), 0) as lines, coalesce(sum(license_count), 0) as licences, coalesce(sum(sa_count), 0) as sa,
            coalesce(sum(available_count), 0) as available, coalesce(sum(ordered_count), 0) as ordered from product_summaries`,
  ).get();
  return TOTALS.filter((total) => Number(lines![total]) !== Number(summaries![total])).map((total) => `${total}: ${lines![total]} in the lines, ${summaries![total]} in the summaries`);
}

const INVARIANTS: { name: string; discrepancies: (db: Db) => Promise<unknown[]> }[] = [
  { name: 'ledger (line counts = sums of their transactions)', discrepancies: ledgerDiscrepancies },
  { name: 'order figures (customers, totals, order counts)', discrepancies: orderFigureDiscrepancies },
  { name: 'product summaries (totals = the lines’ totals)', discrepancies: summaryTotalDiscrepancies },
];

/** What an invariant finds, in an order that does not depend on the engine. */
const found = async (check: (db: Db) => Promise<unknown[]>, db: Db) => (await check(db)).map((entry) => JSON.stringify(entry)).sort();

/** The copy proper, inside the target's transaction; throws (so rolls back) when a check fails. */
async function copyAll(snapshot: Db, tx: Db, tables: CopiedTable[]): Promise<{ reports: TableReport[]; sequences: number; checkMs: number; warnings: string[] }> {
  // Checked again inside the transaction: someone may have written since the first look.
  const holding = await tablesHoldingData(tx, tables);
  if (holding.length > 0) throw new Refusal(`the target already holds data (${holding.join(', ')}); db:copy fills an empty database only.`);
  const reports: TableReport[] = [];
  for (const table of tables) {
    const started = performance.now();
    const copied = await copyTable(snapshot, tx, table);
    reports.push({ name: table.name, rows: copied, ms: performance.now() - started });
  }
  const sequences = await resetSequences(snapshot, tx);
  // Statistics for the planner: the checks below (and the new servers' first queries) would otherwise plan for empty tables.
  for (const table of tables) await statement(tx, `analyze ${quoted(table.name)}`).run();
  const checking = performance.now();
  const warnings: string[] = [];
  const count = (db: Db, table: CopiedTable) => statement<{ n: number }>(db, `select count(*) as n from ${quoted(table.name)}`).get();
  for (const table of tables) {
    const [source, target] = [(await count(snapshot, table))!.n, (await count(tx, table))!.n];
    if (Number(source) !== Number(target)) throw new Error(`check failed: ${table.name} has ${source} rows in the source and ${target} in the copy`);
  }
  for (const invariant of INVARIANTS) {
    const [before, after] = [await found(invariant.discrepancies, snapshot), await found(invariant.discrepancies, tx)];
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      throw new Error(`check failed: the ${invariant.name} of the copy disagree with the source's: ${after.slice(0, 5).join('; ') || 'none on the copy'} (source: ${before.slice(0, 5).join('; ') || 'none'})`);
    }
    if (before.length > 0) warnings.push(`the source's ${invariant.name} already disagree in ${before.length} place(s), copied as they are: ${before.slice(0, 3).join('; ')}`);
  }
  return { reports, sequences, checkMs: performance.now() - checking, warnings };
}

async function main(): Promise<void> {
  let options: { from?: string; to?: string };
  try {
    options = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, allowPositionals: false }).values;
  } catch (error) {
    throw new Refusal(`${message(error)}\n${USAGE}`);
  }
  const from = options.from ?? env().DATABASE_PATH;
  const to = options.to ?? env().DATABASE_URL;
  if (!to) throw new Refusal(`No PostgreSQL database to copy into: give --to postgres://… or set DATABASE_URL.\n${USAGE}`);
  if (!/^postgres(ql)?:\/\//.test(to)) throw new Refusal(`--to ${maskedUrl(to)}: not a PostgreSQL connection string.\n${USAGE}`);
  const started = performance.now();
  const tables = tablesInKeyOrder().filter((table) => !(table.name in NOT_COPIED));

  if (from === ':memory:' || !existsSync(from) || statSync(from).size === 0) throw new Refusal(`--from ${from}: there is no SQLite database at this path.`);
  let source: Db;
  try {
    source = openReadOnlyDatabase(from);
    await statement(source, 'select count(*) as n from sqlite_master').get();
  } catch (error) {
    throw new Refusal(`--from ${from}: the SQLite database cannot be opened (${message(error)}).`);
  }
  await checkSource(source, from);

  // First a look without migrating: a database that holds data is left exactly as it is.
  const look = openPostgres(to, { poolSize: 1, migrate: false });
  const lookConnection = connectionOf(look);
  try {
    if (lookConnection.engine === 'postgres') await lookConnection.ready();
    const holding = await tablesHoldingData(look, tables);
    if (holding.length > 0) throw new Refusal(`--to ${maskedUrl(to)}: the target already holds data (${holding.join(', ')}); db:copy fills an empty database only. Copy into a new, empty database.`);
  } catch (error) {
    if (error instanceof PostgresUnavailableError) throw new Refusal(error.message.replace(/^DATABASE_URL=/, '--to '));
    throw error;
  } finally {
    if (lookConnection.engine === 'postgres') await closePostgres(lookConnection);
  }

  const target = openPostgres(to, { poolSize: 2 });
  const connection = connectionOf(target);
  if (connection.engine !== 'postgres') throw new Error('unreachable: openPostgres gave a SQLite handle');
  try {
    try {
      await connection.ready(); // migrates the empty database (under the migrations' advisory lock)
    } catch (error) {
      throw new Refusal(message(error).replace(/^DATABASE_URL=/, '--to '));
    }
    // One read snapshot of the source (a read-only connection's transaction takes no write lock), one transaction on the target.
    const { reports, sequences, checkMs, warnings } = await withTransaction(source, (snapshot) => withTransaction(target, (tx) => copyAll(snapshot, tx, tables)));
    const seconds = (performance.now() - started) / 1000;
    const total = reports.reduce((sum, report) => sum + report.rows, 0);
    const width = Math.max(...reports.map((report) => report.name.length));
    console.log(`Copied ${from} into ${connection.label}: ${total} rows in ${seconds.toFixed(2)} s.`);
    for (const report of reports) console.log(`  ${report.name.padEnd(width)}  ${String(report.rows).padStart(9)} rows  ${(report.ms / 1000).toFixed(2).padStart(6)} s`);
    console.log(`Not copied (per-process state the new servers make for themselves): ${Object.entries(NOT_COPIED).map(([name, why]) => `${name} (${why})`).join('; ')}.`);
    console.log(`Checked: the row count of every table equals the source's; ${sequences} identity sequences continue after the largest id the source gave; ${INVARIANTS.map((invariant) => invariant.name).join(', ')} agree with the source (${(checkMs / 1000).toFixed(2)} s).`);
    for (const warning of warnings) console.warn(`Warning: ${warning}`);
  } finally {
    await closePostgres(connection);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof Refusal) console.error(`Nothing copied: ${error.message}`);
    else console.error(`The copy failed and was rolled back; nothing was copied: ${message(error)}`);
    process.exit(1);
  },
);
