/**
 * Sign-in throttling: after MAX_FAILURES failed attempts for one e-mail from
 * one address within WINDOW_MS (and since the last success), further attempts
 * are refused until the oldest of those failures leaves the window.
 */
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signInAttempts } from '@/db/schema';

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

/** When the e-mail/address pair may try again, or null when it may now. */
export async function lockedUntil(db: Db, email: string, ipAddress: string, now: number): Promise<number | null> {
  const recent = (await db
    .select({ succeeded: signInAttempts.succeeded, attemptedAt: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.ipAddress, ipAddress), gt(signInAttempts.attemptedAt, now - WINDOW_MS)))
    .orderBy(desc(signInAttempts.attemptedAt), desc(signInAttempts.id))
    .limit(MAX_FAILURES)
    );
  const failures = [];
  for (const attempt of recent) {
    if (attempt.succeeded) break;
    failures.push(attempt);
  }
  if (failures.length < MAX_FAILURES) return null;
  const oldest = failures[failures.length - 1]!;
  return oldest.attemptedAt + WINDOW_MS;
}

export async function recordSignInAttempt(db: Db, email: string, ipAddress: string, succeeded: boolean, now: number): Promise<void> {
  await db.insert(signInAttempts).values({ email, ipAddress, succeeded, attemptedAt: now });
}
