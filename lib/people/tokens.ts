/**
 * Single-use links: a password reset (valid 1 hour) or an
 * invitation (72 hours). The link carries 32 random bytes; only their SHA-256
 * hash is stored (one_time_tokens), and a token works once.
 */
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { oneTimeTokens } from '@/db/schema';
import { withTransaction } from '@/db/transaction';

export type LinkPurpose = 'invitation' | 'password_reset';

export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = { invitation: 72 * 3_600_000, password_reset: 3_600_000 };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new link for the user; earlier unused links of the same purpose stop working. */
export async function issueLink(db: Db, userId: number, purpose: LinkPurpose, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await withTransaction(db, async (tx) => {
    await tx.update(oneTimeTokens)
      .set({ usedAt: now })
      .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)))
      ;
    await tx.insert(oneTimeTokens).values({ userId, purpose, tokenHash: hash(token), expiresAt: now + LINK_LIFETIME_MS[purpose], createdAt: now });
  });
  return token;
}

export type LinkState = { kind: 'valid'; id: number; userId: number } | { kind: 'expired' } | { kind: 'used' } | { kind: 'unknown' };

/** What a link is worth now, without using it. */
export async function linkState(db: Db, token: string, purpose: LinkPurpose, now: number): Promise<LinkState> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { kind: 'unknown' };
  const row = (await db
    .select({ id: oneTimeTokens.id, userId: oneTimeTokens.userId, expiresAt: oneTimeTokens.expiresAt, usedAt: oneTimeTokens.usedAt })
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, hash(token)), eq(oneTimeTokens.purpose, purpose)))
    .limit(1))[0];
  if (!row) return { kind: 'unknown' };
  if (row.usedAt !== null) return { kind: 'used' };
  if (row.expiresAt <= now) return { kind: 'expired' };
  return { kind: 'valid', id: row.id, userId: row.userId };
}

/** Marks a link used; false when another request used it first. */
export async function useLink(db: Db, id: number, now: number): Promise<boolean> {
  const used = await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.id, id), isNull(oneTimeTokens.usedAt)))
    .returning({ id: oneTimeTokens.id });
  return used.length === 1;
}
