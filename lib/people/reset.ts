/**
 * "Mot de passe oublié ?": a request answers the same whether or not the
 * e-mail is known, and as fast — it does the same work for both: it records
 * the request (one row of password_reset_requests) and nothing else. The
 * server's outbox worker then handles each request: for a known, active
 * person it issues a single-use link valid one hour and queues its e-mail,
 * in their language, in one transaction with the audit entry; for anyone
 * else it does nothing. The row is deleted either way. No request waits for
 * SMTP, nor for anything that depends on whether the address is known.
 * Setting the new password through the link checks it like a change, ends
 * every session, and is audited. No Next.js here: tests call it directly.
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import type { Db } from '@/db/client';
import { passwordResetRequests, users, type Locale } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { endEverySession } from '@/lib/auth/account';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem, type PasswordProblem } from '@/lib/auth/password-strength';
import { messages } from '@/lib/i18n/messages';
import { queueLinkMessage, WAKE_DELAY_MS, type MailContext } from '@/lib/mail/outbox';
import { issueLink, LINK_LIFETIME_MS, linkState, useLink, type LinkPurpose } from './tokens';
import { statement } from '@/db/statements';
import { withTransaction } from '@/db/transaction';

/** Records a reset request for any address (the request's whole work: the same for a known and an unknown one). */
export async function requestPasswordReset(db: Db, email: string, context: { now: number; address: string }): Promise<void> {
  await db.insert(passwordResetRequests).values({ email: email.trim().toLowerCase(), address: context.address, requestedAt: context.now });
  notifyResetRequested();
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called after a request is recorded in this process (the worker handles it soon instead of at its next poll). */
export function onResetRequested(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notifyResetRequested(): void {
  // After the answer has left (see WAKE_DELAY_MS in lib/mail/outbox.ts).
  if (listeners.size > 0) setTimeout(() => listeners.forEach((listener) => listener()), WAKE_DELAY_MS).unref();
}

/** Whether a reset request waits (a read: the worker asks before it takes the sender's lease). */
export async function resetRequestsWaiting(db: Db): Promise<boolean> {
  return (await statement(db, 'select id from password_reset_requests limit 1').get()) !== undefined;
}

/**
 * Handles the waiting reset requests, oldest first: for a known, active
 * person, a new link, its e-mail (queued) and the audit entry, in one
 * transaction with the deletion of the request (so two workers never handle
 * one request twice); for anyone else, only the deletion. A request older
 * than a link's lifetime is dropped (the person has long given up).
 */
export async function handleResetRequests(db: Db, context: Pick<MailContext, 'appUrl' | 'from' | 'now'>, limit = 50): Promise<number> {
  const waiting = (await statement<{ id: number; email: string; address: string | null; requested_at: number }>(db, 'select id, email, address, requested_at from password_reset_requests order by id limit ?')
    .all(limit));
  for (const request of waiting) {
    await withTransaction(db, async (tx) => {
        if ((await statement(tx, 'delete from password_reset_requests where id = ?').run(request.id)).rowsChanged !== 1) return; // another worker had it
        if (request.requested_at < context.now - LINK_LIFETIME_MS.password_reset) return;
        const user = (await tx
          .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, active: users.active })
          .from(users)
          .where(eq(users.email, request.email))
          .limit(1))[0];
        if (!user?.active) return;
        const locale: Locale = user.locale ?? 'fr';
        const t = createTranslator({ locale, messages: messages[locale], namespace: 'auth.reset.mail' });
        const token = (await issueLink(tx, user.id, 'password_reset', context.now));
        const url = new URL(`/reset-password/${token}`, context.appUrl).toString();
        await queueLinkMessage(tx, context, {
          kind: 'reset',
          userId: user.id,
          to: user.email,
          subject: t('subject'),
          before: [t('greeting', { name: user.name }), t('body')],
          link: { url, label: t('link') },
          after: [t('notYou')],
          discardAfter: context.now + LINK_LIFETIME_MS.password_reset,
        });
        await recordAudit(tx, { action: 'password_reset_requested', userId: user.id, entity: 'user', entityId: user.email, address: request.address, at: request.requested_at });
      });
  }
  return waiting.length;
}

export type LinkOutcome =
  | { kind: 'done'; email: string }
  | { kind: 'link'; state: 'expired' | 'used' | 'unknown' }
  | { kind: 'invalid'; field: 'next' | 'confirmation'; message: PasswordProblem | 'confirmationDiffers' };

/**
 * The sign-in page after a password was chosen through a link: it says so in
 * a whole sentence and fills in the address. The address travels in a
 * short-lived cookie of the sign-in page rather than in its URL, where it
 * would stay in the browser's history and the server's logs.
 */
export const SIGN_IN_EMAIL_COOKIE = 'ld-sign-in-email';

/** Sets the password of the link's person (a reset or an accepted invitation), once. */
export async function setPasswordWithLink(
  db: Db,
  token: string,
  purpose: LinkPurpose,
  form: { next: string; confirmation: string },
  context: { now: number; address: string; hash?: (password: string) => Promise<string> },
): Promise<LinkOutcome> {
  const state = (await linkState(db, token, purpose, context.now));
  if (state.kind !== 'valid') return { kind: 'link', state: state.kind };
  const user = (await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, state.userId)).limit(1))[0]!;
  const problem = passwordProblem(form.next, [user.name, user.email]);
  if (problem) return { kind: 'invalid', field: 'next', message: problem };
  if (form.confirmation !== form.next) return { kind: 'invalid', field: 'confirmation', message: 'confirmationDiffers' };
  const passwordHash = await (context.hash ?? hashPassword)(form.next);
  const done = (await withTransaction(db, async (tx) => {
    // Used once: a second request with the same link (a double click) finds it used and writes nothing.
    if (!(await useLink(tx, state.id, context.now))) return false;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, state.userId));
    await endEverySession(tx, state.userId, context.now);
    await recordAudit(tx, { action: purpose === 'invitation' ? 'invitation_accepted' : 'password_reset', userId: state.userId, entity: 'user', entityId: user.email, address: context.address, at: context.now });
    return true;
  }));
  return done ? { kind: 'done', email: user.email } : { kind: 'link', state: 'used' };
}
