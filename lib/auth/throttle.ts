/**
 * What keeps a flood of sign-in attempts from taking the server down, or
 * from closing sign-in to the right person, in the order an attempt meets
 * them:
 *
 * 1. Rate limits, per client address and per account (the e-mail typed),
 *    counted by rate-limiter-flexible in the `rate_limits` table on the
 *    application's own better-sqlite3 connection (so they hold across server
 *    processes and restarts). A key over its limit is then also blocked in
 *    memory until its window ends, so a flood costs no database write per
 *    attempt. There is no limit for everyone together: a flood from many
 *    addresses would use it up and refuse the right person too.
 * 2. Password hashing through a bounded queue (lib/auth/bounded-queue.ts):
 *    scrypt runs off the main thread, at most HASH_CONCURRENCY at a time,
 *    with at most HASH_QUEUE_LENGTH waiting and at most HASH_PER_ADDRESS of
 *    them from one client address, so a few addresses cannot fill the line;
 *    anything beyond is answered "too many attempts, try again shortly"
 *    without hashing.
 *
 * The lockout per e-mail and address (lib/auth/lockout.ts) still applies on
 * top. The same counters limit "Mot de passe oublié ?" (per address and per
 * e-mail typed, their own keys) and the invitation and reset links (per
 * address).
 */
import { availableParallelism } from 'node:os';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { rateLimiter, type RateLimiter } from '@/db/rate-limits';
import { BoundedQueue } from './bounded-queue';
import { decoyHash, verifyPassword } from './password';

export interface SignInLimits {
  /** Attempts per minute from one client address. */
  perAddress: number;
  /** Attempts per minute for one account (the e-mail typed), from any address. */
  perAccount: number;
}

export type Allowance = { allowed: true } | { allowed: false; retryAfterMs: number };

/** One counter: `points` per `seconds` for each key. */
export interface Limit {
  name: string;
  points: number;
  seconds: number;
}

const limiters = new WeakMap<Db, Map<string, RateLimiter>>();

function limiterFor(db: Db, limit: Limit): RateLimiter {
  let byLimit = limiters.get(db);
  if (!byLimit) limiters.set(db, (byLimit = new Map()));
  const id = `${limit.name}:${limit.points}:${limit.seconds}`;
  let current = byLimit.get(id);
  if (!current) {
    current = rateLimiter(db, {
      clearExpiredByTimeout: true,
      keyPrefix: limit.name,
      points: limit.points,
      duration: limit.seconds,
      // Once over the limit, the key is refused from memory until its window ends.
      inMemoryBlockOnConsumed: limit.points + 1,
    });
    byLimit.set(id, current);
  }
  return current;
}

/** Counts one attempt of `key` against `limit`. Throws what the database throws (a fault, never an answer). */
export async function takeAllowance(db: Db, limit: Limit, key: string): Promise<Allowance> {
  try {
    await limiterFor(db, limit).consume(key);
    return { allowed: true };
  } catch (rejection) {
    // Over the limit: the library rejects with its result. Anything else is a store (database) fault.
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: rejection.msBeforeNext };
    throw rejection;
  }
}

/** Counts one sign-in attempt from an address for an account against both limits. */
export async function takeSignInAllowance(db: Db, address: string, email: string, limits: SignInLimits): Promise<Allowance> {
  const own = await takeAllowance(db, { name: 'sign-in-address', points: limits.perAddress, seconds: 60 }, address);
  if (!own.allowed) return own;
  return takeAllowance(db, { name: 'sign-in-account', points: limits.perAccount, seconds: 60 }, email.trim().toLowerCase());
}

export interface ResetLimits {
  /** Requests per minute from one client address. */
  perAddress: number;
  /** Requests per hour for one e-mail typed (known or not: the answer tells nothing). */
  perEmail: number;
}

/** Counts one "Mot de passe oublié ?" request (its own counters, not sign-in's). */
export async function takeResetAllowance(db: Db, address: string, email: string, limits: ResetLimits): Promise<Allowance> {
  const own = await takeAllowance(db, { name: 'reset-address', points: limits.perAddress, seconds: 60 }, address);
  if (!own.allowed) return own;
  return takeAllowance(db, { name: 'reset-email', points: limits.perEmail, seconds: 3600 }, email.trim().toLowerCase());
}

/** Counts one look-up of an invitation or reset link from an address. */
export function takeLinkAllowance(db: Db, address: string, perAddress: number): Promise<Allowance> {
  return takeAllowance(db, { name: 'link-address', points: perAddress, seconds: 60 }, address);
}

/** Half the cores (one on a 2-core machine): pages keep the rest. */
export const HASH_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));
/** A few seconds of hashing at most wait in line; more is refused at once. */
export const HASH_QUEUE_LENGTH = 16;
/**
 * Checks from one client address running or waiting at once: half the line,
 * so that one address (a flood, or an office behind one gateway) never fills
 * it for everyone else.
 */
export const HASH_PER_ADDRESS = HASH_QUEUE_LENGTH / 2;

const hashing = new BoundedQueue(HASH_CONCURRENCY, HASH_QUEUE_LENGTH, HASH_PER_ADDRESS);

/**
 * Checks a password through the bounded hashing queue. With no stored hash
 * (unknown e-mail), a decoy is checked so both cases take as long. Rejects
 * with QueueFull when the line is full.
 */
export function checkPassword(password: string, storedHash: string | null | undefined, queue: BoundedQueue = hashing, address?: string): Promise<boolean> {
  return queue.run(async () => {
    const valid = await verifyPassword(password, storedHash || (await decoyHash()));
    return valid && !!storedHash;
  }, address);
}
