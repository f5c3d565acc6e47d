/**
 * Server-side sessions against a migrated database, with the clock in the
 * test's hands: a session ends when signed out, after the idle timeout and
 * after its absolute lifetime, and requireViewer's loader refuses it then.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { loadSessionViewer } from './scope';
import { activeSession, countActiveSessions, endAllSessions, endSession, LAST_SEEN_WRITE_INTERVAL_MS, startSession } from './sessions';

const HOUR = 3_600_000;
const limits = { idleMs: 12 * HOUR, absoluteMs: 7 * 24 * HOUR };
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

let db: Db;
let user: { id: number; sessionVersion: number };

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
  user = (await db.select({ id: users.id, sessionVersion: users.sessionVersion }).from(users).where(eq(users.email, U.alphaAdmin)).limit(1))[0]!;
});

const claims = (sessionId: string) => ({ userId: user.id, sessionVersion: user.sessionVersion, sessionId });

describe('a session', () => {
  it('stands after sign-in and stores only a hash of its id', async () => {
    const id = (await startSession(db, user.id, T0, limits));
    expect((await activeSession(db, id, T0 + 1000, limits))).toMatchObject({ userId: user.id, createdAt: T0, absoluteEnd: T0 + limits.absoluteMs });
    expect((await loadSessionViewer(db, claims(id), T0 + 1000, limits))?.email).toBe(U.alphaAdmin);
    const stored = (await db.select({ idHash: sessions.idHash }).from(sessions));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.idHash).not.toContain(id);
  });

  it("takes the request's own verdict on the session when given one, and still refuses another user's", async () => {
    const id = (await startSession(db, user.id, T0, limits));
    const checked = (await activeSession(db, id, T0 + 1000, limits))!;
    // The row is not read again: the verdict given stands (auth() found it standing a moment before, in this request)…
    await db.delete(sessions);
    expect((await loadSessionViewer(db, claims(id), T0 + 1000, limits, null, checked))?.email).toBe(U.alphaAdmin);
    expect((await loadSessionViewer(db, claims(id), T0 + 1000, limits))).toBeNull();
    // …but it must be this user's session, and the user's own state (active, session version) is still read.
    expect((await loadSessionViewer(db, { ...claims(id), userId: user.id + 1 }, T0 + 1000, limits, null, checked))).toBeNull();
    expect((await loadSessionViewer(db, { ...claims(id), sessionVersion: user.sessionVersion + 1 }, T0 + 1000, limits, null, checked))).toBeNull();
  });

  it('ends when signed out, and stays ended', async () => {
    const id = (await startSession(db, user.id, T0, limits));
    await endSession(db, id, 'signed_out', T0 + 60_000);
    expect((await activeSession(db, id, T0 + 61_000, limits, { touch: true }))).toBeNull();
    expect((await loadSessionViewer(db, claims(id), T0 + 61_000, limits))).toBeNull();
    expect((await db.select({ endReason: sessions.endReason, endedAt: sessions.endedAt }).from(sessions).limit(1))[0]).toEqual({ endReason: 'signed_out', endedAt: T0 + 60_000 });
  });

  it('ends after the idle timeout without requests, and activity keeps it alive', async () => {
    const id = (await startSession(db, user.id, T0, limits));
    // A request every 11 hours keeps it going past 12 hours…
    expect((await activeSession(db, id, T0 + 11 * HOUR, limits, { touch: true }))).not.toBeNull();
    expect((await activeSession(db, id, T0 + 22 * HOUR, limits, { touch: true }))).not.toBeNull();
    expect((await loadSessionViewer(db, claims(id), T0 + 33 * HOUR, limits))).not.toBeNull();
    // …12 hours of silence ends it.
    expect((await loadSessionViewer(db, claims(id), T0 + 34 * HOUR, limits))).toBeNull();
    expect((await activeSession(db, id, T0 + 34 * HOUR, limits, { touch: true }))).toBeNull();
    expect((await db.select({ endReason: sessions.endReason }).from(sessions).limit(1))[0]?.endReason).toBe('idle');
    // Coming back within what would have been the window does not revive it.
    expect((await activeSession(db, id, T0 + 22 * HOUR + 1, limits))).toBeNull();
  });

  it('ends at its absolute lifetime however active', async () => {
    const id = (await startSession(db, user.id, T0, limits));
    for (let hour = 10; hour < 7 * 24; hour += 10) expect((await activeSession(db, id, T0 + hour * HOUR, limits, { touch: true })), `hour ${hour}`).not.toBeNull();
    expect((await activeSession(db, id, T0 + 7 * 24 * HOUR - 1, limits))).not.toBeNull();
    expect((await activeSession(db, id, T0 + 7 * 24 * HOUR, limits, { touch: true }))).toBeNull();
    expect((await loadSessionViewer(db, claims(id), T0 + 7 * 24 * HOUR, limits))).toBeNull();
    expect((await db.select({ endReason: sessions.endReason }).from(sessions).limit(1))[0]?.endReason).toBe('expired');
  });

  it('reports when it will end: the earlier of the idle and absolute ends', async () => {
    const id = (await startSession(db, user.id, T0, limits));
    expect((await activeSession(db, id, T0, limits))?.expiresAt).toBe(T0 + 12 * HOUR);
    expect((await activeSession(db, id, T0 + 7 * 24 * HOUR - 2 * HOUR, limits))).toBeNull(); // idle long before
  });

  it('holds a short idle limit to within a few seconds: 70 s, used every 25 s, lasts; 70 s of silence ends it, not before', async () => {
    const short = { idleMs: 70_000, absoluteMs: 7 * 24 * HOUR };
    const id = (await startSession(db, user.id, T0, short));
    let last = T0;
    for (let at = T0 + 25_000; at <= T0 + 300_000; at += 25_000) {
      expect((await activeSession(db, id, at, short, { touch: true })), `${(at - T0) / 1000} s`).not.toBeNull();
      last = at;
    }
    // Idle for the whole limit but the write interval: still standing.
    expect((await activeSession(db, id, last + short.idleMs - LAST_SEEN_WRITE_INTERVAL_MS, short))).not.toBeNull();
    expect(LAST_SEEN_WRITE_INTERVAL_MS).toBeLessThanOrEqual(5_000);
    expect((await activeSession(db, id, last + short.idleMs, short))).toBeNull();
  });

  it('writes the last-seen time at most every few seconds', async () => {
    const id = (await startSession(db, user.id, T0, limits));
    const lastSeen = async () => (await db.select({ lastSeenAt: sessions.lastSeenAt }).from(sessions).limit(1))[0]?.lastSeenAt;
    await activeSession(db, id, T0 + LAST_SEEN_WRITE_INTERVAL_MS - 1, limits, { touch: true });
    expect((await lastSeen())).toBe(T0);
    await activeSession(db, id, T0 + LAST_SEEN_WRITE_INTERVAL_MS, limits, { touch: true });
    expect((await lastSeen())).toBe(T0 + LAST_SEEN_WRITE_INTERVAL_MS);
    // Reads without touch never write.
    await activeSession(db, id, T0 + 10 * LAST_SEEN_WRITE_INTERVAL_MS, limits);
    expect((await lastSeen())).toBe(T0 + LAST_SEEN_WRITE_INTERVAL_MS);
  });

  it('refuses ids that are unknown, malformed, or of another user', async () => {
    const id = (await startSession(db, user.id, T0, limits));
    expect((await activeSession(db, 'x'.repeat(43), T0, limits))).toBeNull();
    expect((await activeSession(db, undefined, T0, limits))).toBeNull();
    expect((await activeSession(db, 42, T0, limits))).toBeNull();
    expect((await loadSessionViewer(db, { ...claims(id), userId: user.id + 1 }, T0, limits))).toBeNull();
  });

  it('still needs the session version of the user (raised to sign out everywhere)', async () => {
    const id = (await startSession(db, user.id, T0, limits));
    await db.update(users).set({ sessionVersion: user.sessionVersion + 1 }).where(eq(users.id, user.id));
    expect((await loadSessionViewer(db, claims(id), T0, limits))).toBeNull();
  });
});

describe('ending every session of a user', () => {
  it('ends all of that user’s standing sessions and no one else’s', async () => {
    const other = (await db.select({ id: users.id }).from(users).where(eq(users.email, U.betaAdmin)).limit(1))[0]!;
    const first = (await startSession(db, user.id, T0, limits));
    const second = (await startSession(db, user.id, T0 + 1000, limits));
    const theirs = (await startSession(db, other.id, T0, limits));
    await endSession(db, first, 'signed_out', T0 + 2000);
    expect((await countActiveSessions(db, user.id, T0 + 3000, limits))).toBe(1);
    expect((await endAllSessions(db, user.id, 'revoked', T0 + 3000))).toBe(1);
    expect((await activeSession(db, second, T0 + 4000, limits))).toBeNull();
    expect((await activeSession(db, theirs, T0 + 4000, limits))).not.toBeNull();
    // The earlier sign-out keeps its own reason.
    expect((await db.select({ endReason: sessions.endReason }).from(sessions).where(eq(sessions.userId, user.id))).map((row) => row.endReason).sort()).toEqual(['revoked', 'signed_out']);
  });
});
