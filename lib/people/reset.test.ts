/**
 * "Mot de passe oublié ?" against a real SMTP server on 127.0.0.1 and a
 * migrated database: the same silence for an unknown e-mail, a link by e-mail
 * in the person's language that sets a strong password once, ends every
 * session and signs in; an expired or used link says so.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { authorizeCredentials } from '@/lib/auth/sign-in';
import { all, createTestDb, one } from '@/tests/helpers/db';
import { mailOutbox, sendOutbox } from '@/tests/helpers/mail';
import { FIXTURE_PASSWORD, FIXTURE_USERS as U, fastPasswordHash, loadFixtures } from '@/tests/helpers/fixtures';
import { smtpServerForEachFile, type TestSmtpServer } from '@/tests/helpers/smtp';
import { handleResetRequests, requestPasswordReset, setPasswordWithLink } from './reset';
import { LINK_LIFETIME_MS } from './tokens';

let smtp: TestSmtpServer;
let db: Db;
const NOW = Date.parse('2026-11-24T09:00:00Z');
const STRONG = 'amber cathedral violin 2031';

const server = smtpServerForEachFile();
beforeEach(async () => {
  smtp = server();
  db = await createTestDb();
  await loadFixtures(db);
});

const context = () => ({ appUrl: 'https://portal.example', from: 'License Desk <no-reply@portal.example>', now: NOW, address: '192.0.2.9' });
const send = async () => {
  await handleResetRequests(db, context());
  return sendOutbox(db, smtp.url, NOW);
};
/** Every row of the tables a request could write, by table. */
const written = async (): Promise<Record<string, number>> =>
  Object.fromEntries(
    await Promise.all(['password_reset_requests', 'one_time_tokens', 'mail_outbox', 'audit_log'].map(async (table) => [table, (await one<{ n: number }>(db, `select count(*) as n from ${table}`)).n])),
  );
const linkOf = (text: string) => /https:\/\/portal\.example\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
const signIn = (email: string, password: string) =>
  authorizeCredentials({ email, password }, { db, address: '192.0.2.9', now: NOW, limits: { perAddress: 1000, perAccount: 1000 }, refusalDelayMs: 0 }).then(
    () => 'signed-in',
    () => 'refused',
  );

describe('password reset', () => {
  it('says nothing and sends nothing for an unknown or inactive e-mail', async () => {
    await requestPasswordReset(db, 'nobody@alpha.example', context());
    await requestPasswordReset(db, U.inactive, context());
    await send();
    expect(await mailOutbox(db)).toEqual([]);
    expect(smtp.received).toEqual([]);
    expect(await written()).toEqual({ password_reset_requests: 0, one_time_tokens: 0, mail_outbox: 0, audit_log: 0 });
  });

  it('costs the request the same for a known and an unknown address: one recorded request, nothing else', async () => {
    const before = await written();
    await requestPasswordReset(db, 'nobody@alpha.example', context());
    const afterUnknown = await written();
    await requestPasswordReset(db, U.alphaViewer, context());
    const afterKnown = await written();
    expect(afterUnknown).toEqual({ ...before, password_reset_requests: before.password_reset_requests! + 1 });
    expect(afterKnown).toEqual({ ...afterUnknown, password_reset_requests: afterUnknown.password_reset_requests! + 1 });
  });

  it('sends a link in the person’s language that sets a strong new password once, then signs in with it', async () => {
    await requestPasswordReset(db, ` ${U.alphaViewer.toUpperCase()} `, context());
    // Recorded, not handled: the request never waits for SMTP.
    expect(await mailOutbox(db)).toEqual([]);
    await handleResetRequests(db, context());
    expect(await mailOutbox(db)).toMatchObject([{ kind: 'reset', recipient: U.alphaViewer, status: 'pending' }]);
    expect(await one(db, 'select count(*) as n from password_reset_requests')).toEqual({ n: 0 });
    await send();
    expect(smtp.received).toHaveLength(1);
    // Sent, the message's text (a usable link) is no longer kept.
    expect(await mailOutbox(db)).toMatchObject([{ status: 'sent', content: null, raw: null }]);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual([U.alphaViewer]);
    expect(mail!.mail.subject).toBe('Reset your License Desk password');
    const token = linkOf(mail!.mail.text!)!;
    expect(token).toBeTruthy();

    const set = async (next: string, confirmation = next, now = NOW) => (await setPasswordWithLink(db, token, 'password_reset', { next, confirmation }, { now, address: '192.0.2.9', hash: fastPasswordHash }));
    expect(await set('too short')).toEqual({ kind: 'invalid', field: 'next', message: 'tooShort' });
    expect(await set('password1234')).toEqual({ kind: 'invalid', field: 'next', message: 'weak' });
    expect(await set(STRONG, 'other')).toEqual({ kind: 'invalid', field: 'confirmation', message: 'confirmationDiffers' });
    expect(await set(STRONG)).toEqual({ kind: 'done', email: U.alphaViewer });
    expect(await set(STRONG)).toEqual({ kind: 'link', state: 'used' });
    expect(await signIn(U.alphaViewer, STRONG)).toBe('signed-in');
    expect(await signIn(U.alphaViewer, FIXTURE_PASSWORD)).toBe('refused');
    expect(await all(db, "select action from audit_log where action like 'password_reset%' order by id")).toEqual([{ action: 'password_reset_requested' }, { action: 'password_reset' }]);
  });

  it('a link expires after an hour, and a newer one replaces it', async () => {
    await requestPasswordReset(db, U.alphaAdmin, context());
    await send();
    const first = linkOf(smtp.received[0]!.mail.text!)!;
    expect(smtp.received[0]!.mail.subject).toBe('Réinitialiser votre mot de passe License Desk');
    const late = await setPasswordWithLink(db, first, 'password_reset', { next: STRONG, confirmation: STRONG }, { now: NOW + LINK_LIFETIME_MS.password_reset, address: '', hash: fastPasswordHash });
    expect(late).toEqual({ kind: 'link', state: 'expired' });
    await requestPasswordReset(db, U.alphaAdmin, context());
    await handleResetRequests(db, context());
    const replaced = await setPasswordWithLink(db, first, 'password_reset', { next: STRONG, confirmation: STRONG }, { now: NOW, address: '', hash: fastPasswordHash });
    expect(replaced).toEqual({ kind: 'link', state: 'used' });
    expect(await setPasswordWithLink(db, 'x'.repeat(43), 'password_reset', { next: STRONG, confirmation: STRONG }, { now: NOW, address: '', hash: fastPasswordHash })).toEqual({ kind: 'link', state: 'unknown' });
  });
});
