/**
 * The store of the sign-in and link rate limits (rate-limiter-flexible), in
 * the `rate_limits` table of the migrations, so that every server process —
 * and on PostgreSQL every server — counts against the same limits. On SQLite,
 * the library's better-sqlite3 store on the process's connection, its
 * statements kept out of any open transaction (db/handle.ts); on PostgreSQL
 * its PostgreSQL store on the pool, whose upsert is atomic per key.
 */
import { RateLimiterPostgres, RateLimiterSQLite } from 'rate-limiter-flexible';
import { connectionOf, outsideTransactions, type Db } from './handle';
import { withTextPostgresHolds } from './postgres';

export type RateLimiterOptions = Omit<ConstructorParameters<typeof RateLimiterSQLite>[0], 'storeClient' | 'storeType' | 'tableName' | 'tableCreated'> & { clearExpiredByTimeout?: boolean };

export interface RateLimiter {
  /** Counts one point for `key`; rejects with the library's RateLimiterRes when over the limit. */
  consume(key: string): Promise<unknown>;
}

export function rateLimiter(db: Db, options: RateLimiterOptions): RateLimiter {
  const connection = connectionOf(db);
  if (connection.engine === 'postgres') {
    const limiter = new RateLimiterPostgres({
      ...options,
      // The pool, reached once the database is ready (migrated): the table comes from a migration.
      // Its keys hold what people type (an e-mail): the parameters as db/postgres.ts binds every other's.
      storeClient: { query: async (query: unknown) => (await connection.ready(), connection.pool.query(withTextPostgresHolds([query])[0] as string)) },
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
    });
    return { consume: (key) => outsideTransactions(db, () => limiter.consume(key)) };
  }
  const limiter = new RateLimiterSQLite({
    ...options,
    storeClient: connection.sqlite,
    storeType: 'better-sqlite3',
    tableName: 'rate_limits',
    // The table comes from a migration (db/schema.ts rateLimits).
    tableCreated: true,
  });
  return { consume: (key) => outsideTransactions(db, () => limiter.consume(key)) };
}
