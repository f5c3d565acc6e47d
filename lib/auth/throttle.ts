/**
 * What keeps a flood of sign-in attempts from taking the server down
 * (issue 7, defect 3), in the order an attempt meets them:
 *
 * 1. Rate limits, per client address and for everyone together, counted by
 *    rate-limiter-flexible in the `rate_limits` table on the application's
 *    own better-sqlite3 connection (so they hold across restarts). A key
 *    over its limit is then also blocked in memory until its window ends,
 *    so a flood costs no database write per attempt.
 * 2. Password hashing through a bounded queue (lib/auth/bounded-queue.ts):
 *    scrypt runs off the main thread, at most HASH_CONCURRENCY at a time,
 *    with at most HASH_QUEUE_LENGTH waiting; anything beyond is answered
 *    "too many attempts, try again shortly" without hashing.
 *
 * The lockout per e-mail and address (lib/auth/lockout.ts) still applies
 * on top: it stops guessing one account's password, these stop exhausting
 * the machine.
 */
import { availableParallelism } from 'node:os';
import { RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import type { DB } from '@/db/client';
import { BoundedQueue } from './bounded-queue';
import { decoyHash, verifyPassword } from './password';

export interface SignInLimits {
  /** Attempts per minute from one client address. */
  perAddress: number;
  /** Attempts per minute from all addresses together. */
  overall: number;
}

export type Allowance = { allowed: true } | { allowed: false; retryAfterMs: number };

const WINDOW_SECONDS = 60;

interface Limiters {
  perAddress: RateLimiterSQLite;
  overall: RateLimiterSQLite;
  limits: SignInLimits;
}

const limitersByDb = new WeakMap<DB, Limiters>();

function limiter(db: DB, keyPrefix: string, points: number): RateLimiterSQLite {
  return new RateLimiterSQLite({
    storeClient: db.$client,
    storeType: 'better-sqlite3',
    tableName: 'rate_limits',
    // The table comes from a migration (db/schema.ts rateLimits).
    tableCreated: true,
    clearExpiredByTimeout: true,
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
    // Once over the limit, the key is refused from memory until its window ends.
    inMemoryBlockOnConsumed: points + 1,
  });
}

function limitersFor(db: DB, limits: SignInLimits): Limiters {
  let current = limitersByDb.get(db);
  if (!current || current.limits.perAddress !== limits.perAddress || current.limits.overall !== limits.overall) {
    current = { perAddress: limiter(db, 'sign-in-address', limits.perAddress), overall: limiter(db, 'sign-in-all', limits.overall), limits };
    limitersByDb.set(db, current);
  }
  return current;
}

async function take(rateLimiter: RateLimiterSQLite, key: string): Promise<Allowance> {
  try {
    await rateLimiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    // Over the limit: the library rejects with its result. Anything else is a store (database) fault.
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: rejection.msBeforeNext };
    throw rejection;
  }
}

/**
 * Counts one sign-in attempt from an address against both limits. Throws
 * what the database throws (a fault, never an answer).
 */
export async function takeSignInAllowance(db: DB, address: string, limits: SignInLimits): Promise<Allowance> {
  const limiters = limitersFor(db, limits);
  const own = await take(limiters.perAddress, address);
  if (!own.allowed) return own;
  return take(limiters.overall, 'all');
}

/** Half the cores (one on a 2-core machine): pages keep the rest. */
export const HASH_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));
/** A few seconds of hashing at most wait in line; more is refused at once. */
export const HASH_QUEUE_LENGTH = 8;

const hashing = new BoundedQueue(HASH_CONCURRENCY, HASH_QUEUE_LENGTH);

/**
 * Checks a password through the bounded hashing queue. With no stored hash
 * (unknown e-mail), a decoy is checked so both cases take as long. Rejects
 * with QueueFull when the line is full.
 */
export function checkPassword(password: string, storedHash: string | null | undefined, queue: BoundedQueue = hashing): Promise<boolean> {
  return queue.run(async () => {
    const valid = await verifyPassword(password, storedHash || (await decoyHash()));
    return valid && !!storedHash;
  });
}
