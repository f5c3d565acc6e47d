/**
 * A person's own account security, without Next.js so tests call
 * it directly: changing the password (the current one required, the new one
 * strong enough) and signing out everywhere. Both end every session of the
 * person — the session version is raised and the server-side sessions are
 * ended — so a stolen cookie dies with them; both are audited.
 */
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem, type PasswordProblem } from './password-strength';
import { endAllSessions } from './sessions';

export interface PasswordChange {
  current: string;
  next: string;
  confirmation: string;
}

export type PasswordChangeOutcome = { kind: 'changed' } | { kind: 'invalid'; field: 'current' | 'next' | 'confirmation'; message: 'currentWrong' | 'confirmationDiffers' | PasswordProblem };

/** Ends every session of a user now: their next request, anywhere, asks them to sign in. */
export function endEverySession(db: DB, userId: number, now: number): number {
  db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId)).run();
  return endAllSessions(db, userId, 'revoked', now);
}

export function signOutEverywhere(db: DB, userId: number, context: { address: string; now: number }): void {
  const email = db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()?.email ?? null;
  const ended = endEverySession(db, userId, context.now);
  recordAudit(db, { action: 'sign_out_everywhere', userId, entity: 'user', entityId: email, details: { sessions: ended }, address: context.address, at: context.now });
}

export async function changePassword(db: DB, userId: number, change: PasswordChange, context: { address: string; now: number; hash?: (password: string) => Promise<string> }): Promise<PasswordChangeOutcome> {
  const user = db.select({ email: users.email, name: users.name, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!user?.passwordHash || !(await verifyPassword(change.current, user.passwordHash))) return { kind: 'invalid', field: 'current', message: 'currentWrong' };
  const problem = passwordProblem(change.next, [user.name, user.email]);
  if (problem) return { kind: 'invalid', field: 'next', message: problem };
  if (change.confirmation !== change.next) return { kind: 'invalid', field: 'confirmation', message: 'confirmationDiffers' };
  const passwordHash = await (context.hash ?? hashPassword)(change.next);
  db.transaction(() => {
    db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    endEverySession(db, userId, context.now);
    recordAudit(db, { action: 'password_changed', userId, entity: 'user', entityId: user.email, address: context.address, at: context.now });
  });
  return { kind: 'changed' };
}
