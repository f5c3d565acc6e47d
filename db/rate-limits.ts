/**
 * The store of the sign-in and link rate limits (rate-limiter-flexible): on
 * SQLite, its better-sqlite3 store on the process's connection and the
 * `rate_limits` table of the migrations, its statements kept out of any open
 * transaction (db/handle.ts). On PostgreSQL the library has its own store.
 */
import { RateLimiterSQLite } from 'rate-limiter-flexible';
import { outsideTransactions, sqliteOf, type Db } from './handle';

export type RateLimiterOptions = Omit<ConstructorParameters<typeof RateLimiterSQLite>[0], 'storeClient' | 'storeType' | 'tableName' | 'tableCreated'> & { clearExpiredByTimeout?: boolean };

export interface RateLimiter {
  /** Counts one point for `key`; rejects with the library's RateLimiterRes when over the limit. */
  consume(key: string): Promise<unknown>;
}

export function rateLimiter(db: Db, options: RateLimiterOptions): RateLimiter {
  const limiter = new RateLimiterSQLite({
    ...options,
    storeClient: sqliteOf(db),
    storeType: 'better-sqlite3',
    tableName: 'rate_limits',
    // The table comes from a migration (db/schema.ts rateLimits).
    tableCreated: true,
  });
  return { consume: (key) => outsideTransactions(db, () => limiter.consume(key)) };
}
