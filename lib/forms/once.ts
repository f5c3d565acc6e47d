/**
 * A form applied once (decision 0008): the form carries a random key; the
 * key is claimed (inserted) first, then the write is made and where it led is
 * stored with the key, all in one transaction, so that two posts — from two
 * processes or two servers — cannot both find the key unused. A second post of the same key
 * — a double click, a reload, back and resubmit — writes nothing and is sent
 * where the first one led. A key stored by someone else is not found.
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { lockUntilCommit } from '@/db/locks';
import { withTransaction } from '@/db/transaction';

/** A form's idempotency key: 128 random bits, hex. */
export const idempotencyKeySchema = z.string().regex(/^[0-9a-f]{32}$/);

export type OnceOutcome<T> =
  | T
  /** The key was used before by this person: where the first submission led. */
  | { kind: 'repeat'; result: string }
  /** The key is someone else's: the caller answers 404. */
  | { kind: 'not-found' };

/**
 * Runs `write` unless `key` was used before. `resultOf` says where a
 * written outcome leads (stored with the key); an outcome it gives no place
 * for (a field to correct) stores nothing, so the corrected form can be
 * posted again with the same key.
 */
export async function applyOnce<T extends { kind: string }>(
  db: Db,
  userId: number,
  key: string,
  write: (tx: Db) => Promise<T>,
  resultOf: (outcome: T) => string | null,
  now: () => number = Date.now,
): Promise<OnceOutcome<T>> {
  // One transaction for the key, the write and where it led. The key is inserted first: of two posts of one key
  // at once, the second's insert waits for the first's transaction (the key is unique) and then inserts nothing
  // — on every engine, without relying on a database-wide write lock.
  return withTransaction(db, async (tx): Promise<OnceOutcome<T>> => {
    // PostgreSQL: a form's write waits for a running import before it locks anything the import may write
    // (orders, accounts, lines), and the import waits for writes already under way: never each for the other.
    await lockUntilCommit(tx, 'import', [0], { shared: true });
    const claimed = await tx.insert(idempotencyKeys).values({ key, userId, result: null, createdAt: now() }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const earlier = (await tx.select({ userId: idempotencyKeys.userId, result: idempotencyKeys.result }).from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).limit(1))[0]!;
      return earlier.userId === userId ? { kind: 'repeat', result: earlier.result ?? '/' } : { kind: 'not-found' };
    }
    const outcome = await write(tx);
    const result = resultOf(outcome);
    // An outcome with no place to lead (a field to correct) keeps no key: the corrected form is posted with the same one.
    if (result === null) await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    else await tx.update(idempotencyKeys).set({ result }).where(eq(idempotencyKeys.key, key));
    return outcome;
  });
}
