/**
 * A form applied once (decision 0008): the form carries a random key; the
 * write and the key are stored in one immediate SQLite transaction (the
 * write lock is taken first, so two processes cannot both find the key
 * unused), together with where the write led. A second post of the same key
 * — a double click, a reload, back and resubmit — writes nothing and is sent
 * where the first one led. A key stored by someone else is not found.
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
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
  // One transaction for the key's check, the write and the key: two posts of one key cannot both find it unused.
  return withTransaction(db, async (tx): Promise<OnceOutcome<T>> => {
    const earlier = (await tx.select({ userId: idempotencyKeys.userId, result: idempotencyKeys.result }).from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).limit(1))[0];
    if (earlier) return earlier.userId === userId ? { kind: 'repeat', result: earlier.result ?? '/' } : { kind: 'not-found' };
    const outcome = await write(tx);
    const result = resultOf(outcome);
    if (result !== null) await tx.insert(idempotencyKeys).values({ key, userId, result, createdAt: now() });
    return outcome;
  });
}
