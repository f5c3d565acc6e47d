/**
 * Server-side sessions (docs/decisions/0005-server-side-sessions.md).
 *
 * Signing in creates a row in `sessions`; the session cookie (a JWT signed
 * by next-auth) carries only the random session id and the user id. A
 * session stands while its row is not ended, has seen a request within the
 * idle timeout and is younger than the absolute lifetime. Signing out ends
 * the row, so a copy of the cookie opens nothing afterwards.
 *
 * Every function takes `now` (epoch ms), so tests drive the clock.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, type SessionEndReason } from '@/db/schema';
import { isDatabaseFault } from '@/db/errors';
import { withTransaction } from '@/db/transaction';

export interface SessionLimits {
  /** Longest time between two requests (SESSION_IDLE_TIMEOUT). */
  idleMs: number;
  /** Longest life from sign-in (SESSION_MAX_AGE). */
  absoluteMs: number;
}

/**
 * Last-seen times are written at most this often per session (reads need not
 * write). It is also how early, at most, an active session can be judged
 * idle (the requests between two writes are not recorded), so it is kept to
 * a few seconds: the idle limit holds to within 5 s whatever its value
 * (SESSION_IDLE_TIMEOUT is at least MIN_IDLE_TIMEOUT_MS, lib/env.ts).
 */
export const LAST_SEEN_WRITE_INTERVAL_MS = 5_000;

/** Ended and expired rows are kept this long for the record, then deleted on a later sign-in. */
const KEEP_ENDED_MS = 30 * 86_400_000;

function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** Starts a session for a user; returns the random id that goes in the cookie (never stored as is). */
export async function startSession(db: Db, userId: number, now: number, limits: SessionLimits): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await withTransaction(db, async (tx) => {
    await tx.insert(sessions).values({ idHash: hashSessionId(id), userId, createdAt: now, lastSeenAt: now });
    // Housekeeping while we write anyway: rows past any possible use.
    await tx.delete(sessions)
      .where(lt(sessions.createdAt, now - limits.absoluteMs - KEEP_ENDED_MS))
      ;
  });
  return id;
}

export interface ActiveSession {
  userId: number;
  createdAt: number;
  /** When the session ends at the latest if no request comes (idle) or at all (absolute). */
  expiresAt: number;
  /** The absolute end: no cookie or token may outlive it. */
  absoluteEnd: number;
}

type Row = { userId: number; createdAt: number; lastSeenAt: number; endedAt: number | null };

function endReasonAt(row: Row, now: number, limits: SessionLimits): SessionEndReason | null {
  if (now >= row.createdAt + limits.absoluteMs) return 'expired';
  if (now >= row.lastSeenAt + limits.idleMs) return 'idle';
  return null;
}

async function readSession(db: Db, id: string) {
  return (await db
    .select({ idHash: sessions.idHash, userId: sessions.userId, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, endedAt: sessions.endedAt })
    .from(sessions)
    .where(eq(sessions.idHash, hashSessionId(id)))
    .limit(1))[0];
}

/**
 * The session of a cookie if it still stands, else null. With `touch`, a
 * standing session's last-seen time moves to `now` (at most every LAST_SEEN_WRITE_INTERVAL_MS),
 * and a session found idle or expired is ended on the row.
 */
export async function activeSession(db: Db, id: unknown, now: number, limits: SessionLimits, options: { touch?: boolean } = {}): Promise<ActiveSession | null> {
  if (typeof id !== 'string' || id.length < 16 || id.length > 128) return null;
  const row = (await readSession(db, id));
  if (!row || row.endedAt !== null) return null;
  const reason = endReasonAt(row, now, limits);
  if (reason) {
    if (options.touch) await db.update(sessions).set({ endedAt: now, endReason: reason }).where(and(eq(sessions.idHash, row.idHash), isNull(sessions.endedAt)));
    return null;
  }
  let lastSeenAt = row.lastSeenAt;
  if (options.touch && now - row.lastSeenAt >= LAST_SEEN_WRITE_INTERVAL_MS) {
    try {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, row.idHash));
      lastSeenAt = now;
    } catch (error) {
      // A database that cannot be written to right now still answers reads: the
      // session stands on its last recorded activity, and the fault is logged.
      if (!isDatabaseFault(error)) throw error;
      console.error('[auth] could not record session activity: the database failed', error);
    }
  }
  const absoluteEnd = row.createdAt + limits.absoluteMs;
  return { userId: row.userId, createdAt: row.createdAt, absoluteEnd, expiresAt: Math.min(absoluteEnd, lastSeenAt + limits.idleMs) };
}

/** Ends one session (sign-out). Ending an ended or unknown session changes nothing. */
export async function endSession(db: Db, id: unknown, reason: SessionEndReason, now: number): Promise<void> {
  if (typeof id !== 'string' || id.length > 128) return;
  await db.update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.idHash, hashSessionId(id)), isNull(sessions.endedAt)))
    ;
}

/**
 * Ends every standing session of a user: "sign out everywhere", a password
 * or role change, a deactivated account. Returns how many were ended.
 */
export async function endAllSessions(db: Db, userId: number, reason: SessionEndReason, now: number): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ idHash: sessions.idHash });
  return ended.length;
}

/** How many sessions of a user stand at `now` (for tests and an account page). */
export async function countActiveSessions(db: Db, userId: number, now: number, limits: SessionLimits): Promise<number> {
  const row = (await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.endedAt),
        sql`${sessions.createdAt} > ${now - limits.absoluteMs}`,
        sql`${sessions.lastSeenAt} > ${now - limits.idleMs}`,
      ),
    )
    .limit(1))[0];
  return row?.count ?? 0;
}
