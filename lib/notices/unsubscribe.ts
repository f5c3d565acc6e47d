/**
 * The one-click "stop these notices" link of every expiry e-mail:
 * a token signed with AUTH_SECRET that names the user, so the link works
 * without a session and without a stored row, and cannot be made for anybody
 * else. It only ever turns notices off (users.receives_notices); the user
 * turns them back on in their preferences.
 */
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';

const VERSION = 'v1';

function signature(secret: string, userId: number): Buffer {
  return createHmac('sha256', secret).update(`notices-off:${userId}`).digest();
}

/** `v1.<user id>.<signature>`, safe in a URL. */
export function noticesOffToken(secret: string, userId: number): string {
  return `${VERSION}.${userId}.${signature(secret, userId).toString('base64url')}`;
}

/** The user a token was made for, or null when it is malformed or not signed with this secret. */
export function userOfNoticesOffToken(secret: string, token: string): number | null {
  const match = /^v1\.(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = signature(secret, userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

/** The address of the link (the page asks to confirm; mail clients post to the one-click address). */
export function noticesOffUrl(appUrl: string, token: string): string {
  return new URL(`/notices/off?token=${encodeURIComponent(token)}`, appUrl).toString();
}

export function noticesOffOneClickUrl(appUrl: string, token: string): string {
  return new URL(`/notices/off/one-click?token=${encodeURIComponent(token)}`, appUrl).toString();
}

/** The e-mail address a valid token turns notices off for (to show on the confirmation page); null otherwise. */
export async function noticesOffRecipient(db: Db, secret: string, token: string): Promise<{ userId: number; email: string } | null> {
  const userId = userOfNoticesOffToken(secret, token);
  if (userId === null) return null;
  const user = (await db.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, userId)).limit(1))[0];
  return user?.active ? { userId, email: user.email } : null;
}

/** Turns the token's user's notices off; false when the token is not valid. Doing it twice is harmless. */
export async function turnNoticesOff(db: Db, secret: string, token: string): Promise<boolean> {
  const recipient = (await noticesOffRecipient(db, secret, token));
  if (!recipient) return false;
  await db.update(users).set({ receivesNotices: false }).where(eq(users.id, recipient.userId));
  return true;
}
