/**
 * License Desk on PostgreSQL: the pool behind a `Db` handle, its
 * transactions, raw statements, migrations and the health probe's write.
 *
 * The query code is written once, against the SQLite tables of db/schema.ts
 * (decision 0017). drizzle renders SQL by the handle's dialect, not by the
 * table's, so the same builder calls run here through drizzle's node-postgres
 * driver: placeholders become `$1…`, `returning` and `on conflict` are
 * PostgreSQL's. What the SQLite column classes map on the way in and out
 * stays right: a boolean goes out as 1/0, which PostgreSQL reads as a
 * boolean parameter, and comes back as `true`, which the SQLite boolean
 * mapper reads as true. 64-bit integers (instants in milliseconds, counts)
 * and `numeric` sums come back as JavaScript numbers (the type parsers set
 * below): every integer the product stores is far below 2^53.
 *
 * One pool per process (DATABASE_POOL_SIZE connections). A transaction holds
 * one pooled connection for its whole callback; a statement of the plain
 * handle takes any free one. The first statement of the process waits until
 * the server has answered and the committed migrations are applied
 * (db/migrations-pg), under an advisory lock so that several servers
 * starting together migrate once.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { join } from 'node:path';
import pg from 'pg';
import { classifyDatabaseError } from './errors';
import { fillFoldedColumnsOnPostgres } from './folded';
import { refuseInsideOwnTransaction, registerHandle, runningTransaction, type Db, type OpenTransaction, type PostgresConnection } from './handle';
import { pgTables } from './schema.pg';

const MIGRATIONS = join(process.cwd(), 'db', 'migrations-pg');

// int8 (counts, instants in milliseconds, ids) and numeric (sums of int8) as numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** The advisory lock key the migrations are applied under (any constant shared by every server of one database). */
const MIGRATION_LOCK = 4_715_203_917;

/**
 * PostgreSQL's text cannot hold U+0000 (SQLite's can): a parameter holding it
 * is refused with an encoding error, so a NUL a person typed (an e-mail at
 * sign-in, `?account=%00`) would end in an error page where SQLite answers
 * "incorrect" or "not found". Every string bound as a parameter has its NULs
 * replaced with U+FFFD, as a decoder marks what it cannot represent: a lookup
 * then finds nothing — no stored text holds either (imports and forms refuse
 * control characters) — and a write stores the mark instead of failing.
 */
export function textPostgresHolds(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/** The arguments of `query()` (a config with `values`, or a text or config and an array of values) with textPostgresHolds applied to the values. */
export function withTextPostgresHolds(args: unknown[]): unknown[] {
  const [first, second] = args;
  if (Array.isArray(second)) return [first, second.map(textPostgresHolds), ...args.slice(2)];
  const values = (first as { values?: unknown } | null)?.values;
  if (typeof first === 'object' && Array.isArray(values)) return [{ ...first, values: values.map(textPostgresHolds) }, ...args.slice(1)];
  return args;
}

/** A PostgreSQL connection string with its password masked, for messages and logs. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

/** A PostgreSQL database that cannot be used; the message names DATABASE_URL and the reason. */
export class PostgresUnavailableError extends Error {
  override name = 'PostgresUnavailableError';
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message || String(code ?? 'unknown error');
}

/** Applies the committed PostgreSQL migrations that are not yet applied, one server at a time. */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS });
      // Then the folded search columns of rows written without them, as SQLite's start does (./folded.ts).
      await fillFoldedColumnsOnPostgres(client);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export interface PostgresOptions {
  /** Connections in the pool of this process. */
  poolSize?: number;
  /** Apply the committed migrations before the first statement (default true). */
  migrate?: boolean;
  /** How long an idle pooled connection is kept (default 30 s). */
  idleTimeoutMs?: number;
}

/**
 * A handle on the PostgreSQL database at `url`. Nothing connects until the
 * first statement (or `ready()`), so opening never fails; `ready()` throws a
 * PostgresUnavailableError naming DATABASE_URL when the server cannot be
 * reached, refuses the credentials or the migrations fail.
 */
export function openPostgres(url: string, { poolSize = 10, migrate: applyMigrations = true, idleTimeoutMs = 30_000 }: PostgresOptions = {}): Db {
  const label = maskedUrl(url);
  // allowExitOnIdle: a script whose work is done ends although its idle connections are still open.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000, idleTimeoutMillis: idleTimeoutMs, allowExitOnIdle: true });
  // An idle pooled connection the server closes (a restart, a failover) must not stop the process; the next statement reconnects.
  pool.on('error', (error) => console.warn(`DATABASE_URL=${label}: an idle connection was lost (${errorText(error)}).`));
  let readiness: Promise<void> | undefined;
  const connection: PostgresConnection = {
    engine: 'postgres',
    pool,
    label,
    ready() {
      readiness ??= (async () => {
        try {
          const probe = await pool.connect();
          probe.release();
          if (applyMigrations) await migrateUnderLock(pool);
        } catch (error) {
          readiness = undefined; // the next statement tries again (the server may come back)
          throw new PostgresUnavailableError(`DATABASE_URL=${label}: ${applyMigrations ? 'the database cannot be reached or migrated' : 'the database cannot be reached'} (${errorText(error)}).`, { cause: error });
        }
      })();
      return readiness;
    },
  };
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const client = {
    query: async (...args: unknown[]) => {
      refuseInsideOwnTransaction(connection);
      await connection.ready();
      return query(...withTextPostgresHolds(args));
    },
  };
  const handle = drizzle({ client: client as unknown as pg.Pool, schema: pgTables }) as unknown as Db;
  registerHandle(handle, connection);
  return handle;
}

/** The handle of one transaction: runs on the pooled connection the transaction holds, while it is open. */
function transactionHandle(connection: PostgresConnection, client: pg.PoolClient): OpenTransaction {
  const open: OpenTransaction = { handle: undefined as unknown as Db, savepoints: 0, ended: false, client };
  const guarded = {
    query: (...args: unknown[]) => {
      if (open.ended) throw new Error('A transaction handle was used after its transaction ended.');
      return (client.query as (...a: unknown[]) => Promise<unknown>)(...withTextPostgresHolds(args));
    },
  };
  open.handle = drizzle({ client: guarded as unknown as pg.PoolClient, schema: pgTables }) as unknown as Db;
  registerHandle(open.handle, connection, open);
  return open;
}

/** How many times a transaction that lost to a concurrent one (serialization failure, deadlock) is run in all. */
const ATTEMPTS = 3;

/**
 * A transaction on PostgreSQL: one pooled connection, `begin isolation level
 * …`, the callback, `commit` — or `rollback` on any error. A conflict
 * (serialization failure, deadlock) runs the whole callback again, at most
 * three times in all with a short random pause; then the error goes out.
 */
export async function postgresTransaction<T>(connection: PostgresConnection, fn: (tx: Db) => Promise<T>, isolation: 'read committed' | 'serializable'): Promise<T> {
  await connection.ready();
  for (let attempt = 1; ; attempt++) {
    const client = await connection.pool.connect();
    const open = transactionHandle(connection, client);
    let broken: Error | undefined;
    try {
      await client.query(`begin isolation level ${isolation}`);
      const result = await runningTransaction.run({ connection, open }, () => fn(open.handle));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((rollbackError: unknown) => {
        // The connection is unusable (lost, terminated): the pool must not hand it out again.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      if (attempt < ATTEMPTS && classifyDatabaseError(error)?.kind === 'conflict') {
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw error;
    } finally {
      open.ended = true;
      client.release(broken);
    }
  }
}

/** A savepoint inside an open PostgreSQL transaction (a nested withTransaction). */
export async function postgresSavepoint<T>(open: OpenTransaction, fn: () => Promise<T>): Promise<T> {
  const client = open.client!;
  const name = `nested_${++open.savepoints}`;
  await client.query(`savepoint ${name}`);
  try {
    const result = await fn();
    await client.query(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await client.query(`rollback to savepoint ${name}`);
    await client.query(`release savepoint ${name}`);
    throw error;
  } finally {
    open.savepoints -= 1;
  }
}

const numbered = new Map<string, string>();

/**
 * The text of a statement written with `?` placeholders (the form both
 * engines' raw statements share in db/statements.ts) with PostgreSQL's
 * numbered ones. A `?` inside a quoted string or identifier is left alone.
 */
export function numberedPlaceholders(text: string): string {
  let converted = numbered.get(text);
  if (converted === undefined) {
    let n = 0;
    let quote: string | null = null;
    converted = '';
    for (const char of text) {
      if (quote) {
        if (char === quote) quote = null;
        converted += char;
      } else if (char === "'" || char === '"') {
        quote = char;
        converted += char;
      } else converted += char === '?' ? `$${++n}` : char;
    }
    if (numbered.size > 2000) numbered.clear();
    numbered.set(text, converted);
  }
  return converted;
}

/**
 * The values of raw statements as SQLite gives them, so that hand-written SQL
 * reads the same on both engines: a boolean is 1 or 0 (the query builder's
 * boolean columns map either to true/false).
 */
const rawTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.BOOL ? (value: string) => (value === 't' ? 1 : 0) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Runs one raw statement (numbered placeholders) on the transaction's connection, or on any pooled one outside a transaction. */
export async function postgresQuery<Row>(connection: PostgresConnection, open: OpenTransaction | undefined, text: string, values: unknown[]): Promise<pg.QueryResult<Row & pg.QueryResultRow>> {
  const query = { text, values: values.map(textPostgresHolds), types: rawTypes };
  if (open) {
    if (open.ended) throw new Error('A transaction handle was used after its transaction ended.');
    return open.client!.query<Row & pg.QueryResultRow>(query);
  }
  refuseInsideOwnTransaction(connection);
  await connection.ready();
  return connection.pool.query<Row & pg.QueryResultRow>(query);
}

/**
 * The health probe's committed write on PostgreSQL: the one row of
 * health_checks, waiting at most `lockTimeoutMs` for a lock another
 * connection holds.
 */
export async function commitPostgresHealthCheck(connection: PostgresConnection, now: number, lockTimeoutMs: number): Promise<void> {
  await connection.ready();
  const client = await connection.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    await client.query(`set local lock_timeout = ${Math.round(lockTimeoutMs)}`);
    await client.query('insert into health_checks (id, checked_at) values (1, $1) on conflict (id) do update set checked_at = excluded.checked_at', [now]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch((rollbackError: unknown) => (broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Ends the pool's connections (a script that is done, a test). */
export async function closePostgres(connection: PostgresConnection): Promise<void> {
  await connection.pool.end();
}
