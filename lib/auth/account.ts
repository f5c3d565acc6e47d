/**
 * A person's own account security, without Next.js so tests call
 * it directly: changing the password (the current one required, the new one
 * strong enough) and signing out everywhere. Both end every session of the
 * person — the session version is raised and the server-side sessions are
 * ended — so a stolen cookie dies with them; both are audited.
 */
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem, type PasswordProblem } from './password-strength';
import { endAllSessions } from './sessions';
import { withTransaction } from '@/db/transaction';

export interface PasswordChange {
  current: string;
  next: string;
  confirmation: string;
}

export type PasswordChangeOutcome = { kind: 'changed' } | { kind: 'invalid'; field: 'current' | 'next' | 'confirmation'; message: 'currentWrong' | 'confirmationDiffers' | PasswordProblem };

/** Ends every session of a user now: their next request, anywhere, asks them to sign in. */
export async function endEverySession(db: Db, userId: number, now: number): Promise<number> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
  return endAllSessions(db, userId, 'revoked', now);
}

export async function signOutEverywhere(db: Db, userId: number, context: { address: string; now: number }): Promise<void> {
  const email = (await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1))[0]?.email ?? null;
  const ended = (await endEverySession(db, userId, context.now));
  await recordAudit(db, { action: 'sign_out_everywhere', userId, entity: 'user', entityId: email, details: { sessions: ended }, address: context.address, at: context.now });
}

export async function changePassword(db: Db, userId: number, change: PasswordChange, context: { address: string; now: number; hash?: (password: string) => Promise<string> }): Promise<PasswordChangeOutcome> {
  const user = (await db.select({ email: users.email, name: users.name, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1))[0];
  if (!user?.passwordHash || !(await verifyPassword(change.current, user.passwordHash))) return { kind: 'invalid', field: 'current', message: 'currentWrong' };
  const problem = passwordProblem(change.next, [user.name, user.email]);
  if (problem) return { kind: 'invalid', field: 'next', message: problem };
  if (change.confirmation !== change.next) return { kind: 'invalid', field: 'confirmation', message: 'confirmationDiffers' };
  const passwordHash = await (context.hash ?? hashPassword)(change.next);
  await withTransaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await endEverySession(tx, userId, context.now);
    await recordAudit(tx, { action: 'password_changed', userId, entity: 'user', entityId: user.email, address: context.address, at: context.now });
  });
  return { kind: 'changed' };
}
