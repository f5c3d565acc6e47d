/**
 * Checking an e-mail and password: what next-auth's Credentials provider
 * calls (lib/auth/config.ts), kept apart from next-auth so integration tests
 * run it against a real database with the clock and the limits they choose.
 *
 * Every refusal is a CredentialsSignin with a `code` the sign-in form turns
 * into a message (lib/auth/actions.ts): wrong e-mail or password, locked out,
 * too many attempts, or the service being unavailable. A database fault is
 * never disguised as a wrong password: it is logged and told as such.
 */
import { CredentialsSignin } from 'next-auth';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { isDatabaseFault } from '@/db/errors';
import { QueueFull, type BoundedQueue } from './bounded-queue';
import { recordAudit } from '@/lib/audit/log';
import { lockedUntil, recordSignInAttempt } from './lockout';
import { checkPassword, takeSignInAllowance, type SignInLimits } from './throttle';

export class InvalidCredentials extends CredentialsSignin {
  override code = 'invalid';
}

export class LockedOut extends CredentialsSignin {
  override code = 'locked';
}

/** Over a rate limit (the address's or the account's), or the hashing line is full: try again shortly. */
export class TooManyAttempts extends CredentialsSignin {
  override code = 'throttled';
}

/** The database failed (read-only, locked, full…): nobody can sign in right now. */
export class ServiceUnavailable extends CredentialsSignin {
  override code = 'unavailable';
}

export type SignInRefusal = 'invalid' | 'locked' | 'throttled' | 'unavailable';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export interface SignInContext {
  db: Db;
  /** The client address (lib/http/request-headers.ts clientAddress). */
  address: string;
  now: number;
  limits: SignInLimits;
  /** How long a refused flood attempt is held before its answer (slows a client that retries at once). */
  refusalDelayMs: number;
  /** The hashing queue (tests bring a small one); by default the process's own. */
  hashQueue?: BoundedQueue;
}

const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/** Whether an error, or anything next-auth wrapped it in, is a database fault. */
export function causedByDatabaseFault(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (isDatabaseFault(current)) return true;
    const cause = (current as { cause?: unknown }).cause;
    // Auth.js wraps the original error as `cause.err`.
    current = (cause as { err?: unknown } | undefined)?.err ?? cause;
  }
  return false;
}

/** The user id and session version of valid credentials; throws a CredentialsSignin otherwise. */
export async function authorizeCredentials(raw: unknown, context: SignInContext): Promise<{ id: string; sessionVersion: number }> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const { db, address, now } = context;
  try {
    const allowance = await takeSignInAllowance(db, address, email, context.limits);
    if (!allowance.allowed) {
      await sleep(context.refusalDelayMs);
      throw new TooManyAttempts();
    }
    if ((await lockedUntil(db, email, address, now)) !== null) throw new LockedOut();

    const user = (await db
      .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.email, email))
      .limit(1))[0];
    let valid: boolean;
    try {
      valid = await checkPassword(password, user?.passwordHash, context.hashQueue, address);
    } catch (error) {
      if (!(error instanceof QueueFull)) throw error;
      await sleep(context.refusalDelayMs);
      throw new TooManyAttempts();
    }
    if (!user || !valid || !user.active) {
      await recordSignInAttempt(db, email, address, false, now);
      // Filed under the user's customer or partner when the e-mail is one of theirs (their administrators see it).
      await recordAudit(db, { action: 'sign_in_failed', userId: user?.id ?? null, entity: 'user', entityId: email, address, at: now });
      throw new InvalidCredentials();
    }
    await recordSignInAttempt(db, email, address, true, now);
    await recordAudit(db, { action: 'sign_in', userId: user.id, entity: 'user', entityId: email, address, at: now });
    await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
    return { id: String(user.id), sessionVersion: user.sessionVersion };
  } catch (error) {
    if (error instanceof CredentialsSignin) throw error;
    if (causedByDatabaseFault(error)) {
      console.error('[auth] sign-in refused: the database failed', error);
      throw new ServiceUnavailable();
    }
    throw error;
  }
}

/** What the sign-in form tells the person about an error from signIn(), or null when it is none of its business. */
export function signInRefusal(error: unknown): SignInRefusal | null {
  if (error instanceof CredentialsSignin) {
    const code = error.code as string;
    return code === 'locked' || code === 'throttled' || code === 'unavailable' ? code : 'invalid';
  }
  if (causedByDatabaseFault(error)) return 'unavailable';
  return null;
}
