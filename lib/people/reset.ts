/**
 * "Mot de passe oublié ?" (issue 11): a request answers the same whether or
 * not the e-mail is known; a known, active person gets a single-use link
 * valid one hour, by e-mail through the notices' mailer, in their language.
 * Setting the new password through the link checks it like a change, ends
 * every session, and is audited. No Next.js here: tests call it directly.
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import type { DB } from '@/db/client';
import { users, type Locale } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import { endEverySession } from '@/lib/auth/account';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem, type PasswordProblem } from '@/lib/auth/password-strength';
import { messages } from '@/lib/i18n/messages';
import { sendLinkMessage, type MailContext } from '@/lib/notices/mailer';
import { issueLink, linkState, useLink, type LinkPurpose } from './tokens';


/** Sends a reset link to a known, active person; does nothing otherwise (the caller's answer is the same). */
export async function requestPasswordReset(db: DB, email: string, context: MailContext): Promise<void> {
  const user = db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, active: users.active })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .get();
  if (!user?.active) return;
  const token = issueLink(db, user.id, 'password_reset', context.now);
  const locale: Locale = user.locale ?? 'fr';
  const t = createTranslator({ locale, messages: messages[locale], namespace: 'auth.reset.mail' });
  const url = new URL(`/reset-password/${token}`, context.appUrl).toString();
  await sendLinkMessage(context, {
    to: user.email,
    kind: 'reset',
    subject: t('subject'),
    before: [t('greeting', { name: user.name }), t('body')],
    link: { url, label: t('link') },
    after: [t('notYou')],
  });
  recordAudit(db, { action: 'password_reset_requested', userId: user.id, entity: 'user', entityId: user.email, address: context.address, at: context.now });
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
  db: DB,
  token: string,
  purpose: LinkPurpose,
  form: { next: string; confirmation: string },
  context: { now: number; address: string; hash?: (password: string) => Promise<string> },
): Promise<LinkOutcome> {
  const state = linkState(db, token, purpose, context.now);
  if (state.kind !== 'valid') return { kind: 'link', state: state.kind };
  const user = db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, state.userId)).get()!;
  const problem = passwordProblem(form.next, [user.name, user.email]);
  if (problem) return { kind: 'invalid', field: 'next', message: problem };
  if (form.confirmation !== form.next) return { kind: 'invalid', field: 'confirmation', message: 'confirmationDiffers' };
  const passwordHash = await (context.hash ?? hashPassword)(form.next);
  const done = db.transaction(() => {
    // Used once: a second request with the same link (a double click) finds it used and writes nothing.
    if (!useLink(db, state.id, context.now)) return false;
    db.update(users).set({ passwordHash }).where(eq(users.id, state.userId)).run();
    endEverySession(db, state.userId, context.now);
    recordAudit(db, { action: purpose === 'invitation' ? 'invitation_accepted' : 'password_reset', userId: state.userId, entity: 'user', entityId: user.email, address: context.address, at: context.now });
    return true;
  });
  return done ? { kind: 'done', email: user.email } : { kind: 'link', state: 'used' };
}
