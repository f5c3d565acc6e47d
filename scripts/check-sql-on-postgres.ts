/**
 * Is every statement the product runs valid on PostgreSQL too?
 *
 *   node scripts/bootstrap.mjs exec tsx --conditions=react-server scripts/check-sql-on-postgres.ts [--port 5433] [--capture FILE] [--verbose]
 *
 * 1. Runs the whole vitest suite with LICENSE_DESK_CAPTURE_SQL set, so that
 *    every distinct SQL text better-sqlite3 prepares is recorded with where it
 *    came from (tests/setup/capture-sql.ts). `--capture FILE` reuses the
 *    records of an earlier run instead.
 * 2. Starts a throw-away PostgreSQL from the npm registry
 *    (scripts/postgres/embedded.ts; as root it runs as `nobody`) on 127.0.0.1
 *    at `--port`, and creates a PostgreSQL version of the schema in it
 *    (scripts/postgres/throwaway-schema.ts).
 * 3. Sends each statement of the product (not those only tests prepare, not
 *    what is engine-specific by design — migrations, pragmas, transaction
 *    control, the SQLite backup — and not a library's own SQLite statements,
 *    such as rate-limiter-flexible's SQLite store, which has a PostgreSQL
 *    store of its own) as `PREPARE` — PostgreSQL parses it, resolves
 *    every table, column, function and type, and infers the parameters' types,
 *    exactly as when the driver sends it — and prints those it rejects, with
 *    PostgreSQL's message and the file that ran them.
 *
 * Exits 1 when any statement is rejected. Not part of `npm test` yet: it
 * needs the suite to run a second time (about a minute on two cores).
 *
 * Engine: SQLite only: on its input side, records the SQL text better-sqlite3 prepares.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { migrateDatabase, openDatabase } from '@/db/client';
import { postgresDialect } from '@/db/dialect';
import type { CapturedStatement } from '@/tests/setup/capture-sql';
import { startEmbeddedPostgres } from './postgres/embedded';
import { throwawayPostgresSchema } from './postgres/throwaway-schema';

const { values: options } = parseArgs({
  options: { port: { type: 'string', default: '5433' }, capture: { type: 'string' }, verbose: { type: 'boolean', default: false } },
});

/** Statements that are SQLite's own by design: they will have a PostgreSQL counterpart, not a shared text. */
function engineSpecificByDesign(sql: string, file: string): boolean {
  if (file === 'db/client.ts') return true; // the migrator and the connection's pragmas
  const text = sql.trim().toLowerCase();
  return /^(pragma|begin|commit|rollback|savepoint|release|vacuum|create|drop|alter)\b/.test(text) || text.includes('__drizzle_migrations') || text.includes('sqlite_master');
}

/**
 * better-sqlite3's `?` placeholders as PostgreSQL's `$1, $2…`, leaving
 * string literals, quoted names and comments alone.
 */
export function numberedPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else out += c;
  }
  return out;
}

/**
 * The SQLite forms of db/dialect.ts, as they appear in a statement, and the
 * PostgreSQL forms written beside them: a statement that uses one is checked
 * with the other in place (which is what it will be on PostgreSQL).
 */
const DIALECT_FORMS: { name: string; sqlite: RegExp; postgres: string }[] = [
  { name: 'contains', sqlite: /\binstr\(([^()]+), \?\) > 0/g, postgres: 'strpos($1, ?) > 0' },
  { name: 'joinedText', sqlite: /\bgroup_concat\(([^(),]+), \?\)/g, postgres: 'string_agg(cast($1 as text), ?)' },
];

function withPostgresForms(sql: string): { sql: string; forms: string[] } {
  const forms: string[] = [];
  let out = sql;
  for (const form of DIALECT_FORMS) {
    const replaced = out.replace(form.sqlite, form.postgres);
    if (replaced !== out) forms.push(form.name);
    out = replaced;
  }
  return { sql: out, forms };
}

function capture(): string {
  if (options.capture) return options.capture;
  const dir = mkdtempSync(join(tmpdir(), 'license-desk-sql-'));
  const file = join(dir, 'statements.jsonl');
  console.log('Running the vitest suite to collect the statements it prepares…');
  const run = spawnSync('vitest', ['run', '--reporter=dot'], { stdio: 'inherit', env: { ...process.env, LICENSE_DESK_CAPTURE_SQL: file } });
  if (run.status !== 0) throw new Error('the vitest suite failed; its statements would be incomplete');
  return file;
}

function statementsOfTheProduct(file: string): { product: Map<string, Set<string>>; testOnly: number; byDesign: number; dependencies: number } {
  const product = new Map<string, Set<string>>();
  const all = new Set<string>();
  const dependencies = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as CapturedStatement;
    all.add(record.sql);
    if (record.origin === 'dependency') dependencies.add(record.sql);
    if (record.origin !== 'product') continue;
    const files = product.get(record.sql) ?? new Set<string>();
    files.add(record.file);
    product.set(record.sql, files);
  }
  let byDesign = 0;
  for (const [sql, files] of product) {
    if ([...files].some((file) => engineSpecificByDesign(sql, file))) {
      product.delete(sql);
      byDesign++;
    }
  }
  for (const sql of product.keys()) dependencies.delete(sql);
  return { product, testOnly: all.size - product.size - byDesign - dependencies.size, byDesign, dependencies: dependencies.size };
}

async function main() {
  const file = capture();
  const { product, testOnly, byDesign, dependencies } = statementsOfTheProduct(file);

  const dir = mkdtempSync(join(tmpdir(), 'license-desk-sql-schema-'));
  const sqlite = openDatabase(join(dir, 'schema.db'));
  migrateDatabase(sqlite);
  const ddl = throwawayPostgresSchema(sqlite.$client);
  sqlite.$client.close();
  rmSync(dir, { recursive: true, force: true });

  const server = await startEmbeddedPostgres({ port: Number(options.port) });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    for (const statement of ddl) await client.query(statement);
    const rejected: { sql: string; message: string; files: string[] }[] = [];
    let n = 0;
    let withDialectForms = 0;
    for (const [sql, files] of product) {
      const name = `s${++n}`;
      const translated = withPostgresForms(sql);
      if (translated.forms.length) withDialectForms++;
      try {
        await client.query(`prepare ${name} as ${numberedPlaceholders(translated.sql)}`);
        await client.query(`deallocate ${name}`);
      } catch (error) {
        rejected.push({ sql, message: (error as Error).message, files: [...files].sort() });
      }
    }
    // The PostgreSQL forms of db/dialect.ts, written beside the SQLite ones, rendered as drizzle will render them.
    const pgSql = new PgDialect();
    const dialectProbes = [
      sql`select id from inventory_lines where ${postgresDialect.contains(sql`search`, ' word')}`,
      sql`select ${postgresDialect.joinedText(sql`purchase_account_id`, ',')} from grant_accounts where grant_id = ${1}`,
    ];
    for (const probe of dialectProbes) {
      const query = pgSql.sqlToQuery(probe);
      const name = `s${++n}`;
      try {
        await client.query(`prepare ${name} as ${query.sql}`);
        await client.query(`deallocate ${name}`);
      } catch (error) {
        rejected.push({ sql: query.sql, message: (error as Error).message, files: ['db/dialect.ts (PostgreSQL form)'] });
      }
    }
    const byFile = new Map<string, number>();
    for (const { files } of rejected) for (const f of files) byFile.set(f, (byFile.get(f) ?? 0) + 1);
    for (const { sql, message, files } of rejected) {
      console.log(`\n✗ ${files.join(', ')}: ${message}`);
      console.log(options.verbose ? sql : `  ${sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    console.log(`\n${product.size} distinct statements of the product and ${dialectProbes.length} PostgreSQL forms of db/dialect.ts checked on PostgreSQL (${withDialectForms} of them with the PostgreSQL forms of db/dialect.ts in place; left out: ${byDesign} engine-specific by design, ${dependencies} run by a library's own SQLite store, ${testOnly} prepared only by tests).`);
    console.log(`${rejected.length} rejected${rejected.length ? ` in ${byFile.size} files: ${[...byFile].map(([f, c]) => `${f} ${c}`).join(', ')}` : ''}.`);
    process.exitCode = rejected.length ? 1 : 0;
  } finally {
    await client.end();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
