/**
 * The mail outbox against a real SMTP server on 127.0.0.1 and a migrated
 * database opened by two connections (as two server processes would): a
 * message is sent once whoever sends, a failure backs off and is retried with
 * the same Message-ID, a message is given up after MAX_ATTEMPTS (logged), a
 * link message is not sent after its link expired and its text is erased
 * once it no longer waits, and one worker at a time holds the sender's lease.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { smtpTransport, type NoticeTransport } from '@/lib/notices/mailer';
import { secondConnection } from '@/tests/helpers/connections';
import { all, createTestDb, one, run } from '@/tests/helpers/db';
import { loadFixtures } from '@/tests/helpers/fixtures';
import { mailOutbox } from '@/tests/helpers/mail';
import { smtpServerForEachFile, type TestSmtpServer } from '@/tests/helpers/smtp';
import { BACKOFF_BASE_MS, CLAIM_MS, deliverMail, failedMail, MAX_ATTEMPTS, queueLinkMessage, queueMail } from './outbox';
import { LEASE_MS, startMailWorker, takeLease } from './worker';
import { withTransaction } from '@/db/transaction';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const FROM = 'License Desk <no-reply@portal.example>';
const server = smtpServerForEachFile();
let smtp: TestSmtpServer;
let db: Db;
let other: Db;
let transport: NoticeTransport;

beforeEach(async () => {
  smtp = server();
  db = await createTestDb();
  await loadFixtures(db);
  // A second connection to the same database: another server process.
  other = secondConnection(db);
  transport = smtpTransport(smtp.url);
});

afterEach(() => {
  transport.close();
});

const queue = async (to: string, kind: 'order' | 'reset' = 'order', discardAfter?: number, now = NOW, handle: Db = db) =>
  (await queueLinkMessage(handle, { appUrl: 'https://portal.example', from: FROM, now }, { kind, userId: null, to, subject: `For ${to}`, before: ['Hello'], link: { url: 'https://portal.example/x', label: 'Open' }, after: [], discardAfter }));

describe('the mail outbox', () => {
  it('is written in the caller’s transaction: a change rolled back leaves no message', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await queue('a@example.test', 'order', undefined, NOW, tx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await mailOutbox(db)).toEqual([]);
  });

  it('sends each message once, however many senders run at once', async () => {
    for (let index = 0; index < 6; index++) await queue(`person${index}@example.test`);
    const [one, two] = await Promise.all([
      deliverMail(db, transport, { sender: 'one', from: FROM, now: () => NOW }),
      deliverMail(other, transport, { sender: 'two', from: FROM, now: () => NOW }),
    ]);
    expect(one.sent + two.sent).toBe(6);
    expect(smtp.received.map((message) => message.to[0]).sort()).toEqual([0, 1, 2, 3, 4, 5].map((index) => `person${index}@example.test`));
    expect(new Set(smtp.received.map((message) => message.mail.messageId)).size).toBe(6);
    expect((await mailOutbox(db)).every((row) => row.status === 'sent')).toBe(true);
    expect((await deliverMail(db, transport, { sender: 'one', from: FROM, now: () => NOW + 3_600_000 })).sent).toBe(0);
  });

  it('backs off after an SMTP failure and sends the same message (same Message-ID) once the wait is over', async () => {
    await queue('refused@example.test');
    smtp.refused.add('refused@example.test');
    const log = vi.fn();
    const first = await deliverMail(db, transport, { sender: 's', from: FROM, now: () => NOW, log });
    expect(first.failed).toEqual([expect.objectContaining({ to: 'refused@example.test', final: false, error: expect.stringContaining('mailbox unavailable') })]);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[mail\] message \d+ \(order\) to refused@example\.test not sent \(attempt 1\)/));
    const raw = await one<{ raw: string; next_attempt_at: number }>(db, 'select raw, next_attempt_at from mail_outbox');
    expect(raw.next_attempt_at).toBe(NOW + BACKOFF_BASE_MS);
    smtp.refused.clear();
    // Not before its time.
    expect((await deliverMail(db, transport, { sender: 's', from: FROM, now: () => NOW + BACKOFF_BASE_MS - 1 })).sent).toBe(0);
    expect((await deliverMail(db, transport, { sender: 's', from: FROM, now: () => NOW + BACKOFF_BASE_MS })).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
    // Byte for byte what was built before the first attempt (SMTP only normalises line ends).
    const lines = (text: string) => text.replace(/\r\n/g, '\n').trimEnd();
    expect(lines(smtp.received[0]!.raw)).toBe(lines(raw.raw));
  });

  it('gives a message up after MAX_ATTEMPTS, says so in the log and lists it for the operator', async () => {
    await queue('gone@example.test');
    smtp.refused.add('gone@example.test');
    const log = vi.fn();
    let at = NOW;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverMail(db, transport, { sender: 's', from: FROM, now: () => at, log });
      expect(report.failed).toHaveLength(1);
      at = (await one<{ n: number }>(db, 'select next_attempt_at as n from mail_outbox')).n;
    }
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(new RegExp(`given up after ${MAX_ATTEMPTS} attempts: .*mailbox unavailable`)));
    expect((await failedMail(db))).toEqual([expect.objectContaining({ kind: 'order', recipient: 'gone@example.test', attempts: MAX_ATTEMPTS })]);
    smtp.refused.clear();
    expect((await deliverMail(db, transport, { sender: 's', from: FROM, now: () => at + 86_400_000 })).sent).toBe(0);
  });

  it('does not send a link message after its link expired, and keeps no link once a message no longer waits', async () => {
    await queue('late@example.test', 'reset', NOW + 1000);
    await queue('soon@example.test', 'reset', NOW + 3_600_000);
    const report = await deliverMail(db, transport, { sender: 's', from: FROM, now: () => NOW + 2000, log: () => undefined });
    expect(report.sent).toBe(1);
    expect(report.failed).toEqual([expect.objectContaining({ to: 'late@example.test', final: true })]);
    expect(smtp.received.map((message) => message.to[0])).toEqual(['soon@example.test']);
    expect((await mailOutbox(db)).map(({ recipient, status, content, raw }) => ({ recipient, status, content, raw }))).toEqual([
      { recipient: 'late@example.test', status: 'failed', content: null, raw: null },
      { recipient: 'soon@example.test', status: 'sent', content: null, raw: null },
    ]);
  });

  it('leaves a message claimed by another sender alone until its claim lapses', async () => {
    const id = (await queue('claimed@example.test'));
    await run(db, "update mail_outbox set claimed_by = 'dead', claimed_at = ? where id = ?", NOW, id);
    expect((await deliverMail(db, transport, { sender: 's', from: FROM, now: () => NOW + CLAIM_MS - 1 })).sent).toBe(0);
    expect((await deliverMail(db, transport, { sender: 's', from: FROM, now: () => NOW + CLAIM_MS + 1 })).sent).toBe(1);
  });

  it('keeps a message whose raw form the caller built (the notices) as it is', async () => {
    await queueMail(db, { kind: 'notice', userId: null, to: 'n@example.test', from: FROM, subject: '', text: '', html: '', messageId: '<fixed@portal.example>', raw: 'From: x@portal.example\r\nTo: n@example.test\r\nMessage-ID: <fixed@portal.example>\r\nSubject: Hi\r\n\r\nBody\r\n', now: NOW });
    await deliverMail(db, transport, { sender: 's', from: FROM, now: () => NOW });
    expect(smtp.received[0]!.mail.messageId).toBe('<fixed@portal.example>');
    expect((await mailOutbox(db))[0]!.raw).toContain('Body');
  });
});

describe('the sender’s lease', () => {
  it('is held by one holder at a time, renewed by it, and taken over once expired', async () => {
    expect((await takeLease(db, 'mail-sender', 'a', NOW, LEASE_MS))).toBe(true);
    expect((await takeLease(other, 'mail-sender', 'b', NOW + 1, LEASE_MS))).toBe(false);
    expect((await takeLease(db, 'mail-sender', 'a', NOW + 10_000, LEASE_MS))).toBe(true);
    expect((await takeLease(other, 'mail-sender', 'b', NOW + 10_000 + LEASE_MS - 1, LEASE_MS))).toBe(false);
    expect((await takeLease(other, 'mail-sender', 'b', NOW + 10_000 + LEASE_MS + 1, LEASE_MS))).toBe(true);
    expect((await takeLease(db, 'mail-sender', 'a', NOW + 10_000 + LEASE_MS + 2, LEASE_MS))).toBe(false);
  });

  it('an idle worker keeps polling: a message queued by another process later is sent', async () => {
    const worker = startMailWorker({ db: () => db, transport, from: FROM, pollMs: 50 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Queued through the other connection, as another process would (no wake-up in this one).
      await queueLinkMessage(other, { appUrl: 'https://portal.example', from: FROM, now: Date.now() }, { kind: 'order', userId: null, to: 'later@example.test', subject: 'Later', before: [], link: { url: 'https://portal.example/x', label: 'Open' }, after: [] });
      await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 3000 });
    } finally {
      await worker.stop();
    }
  });

  it('two workers on two connections send every message once, and a message queued in the process is sent at once', async () => {
    const workers = [db, other].map((connection) => startMailWorker({ db: () => connection, transport, from: FROM, pollMs: 50 }));
    try {
      for (let index = 0; index < 5; index++) await queue(`w${index}@example.test`, 'order', undefined, Date.now());
      await vi.waitFor(() => expect(smtp.received).toHaveLength(5), { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.received).toHaveLength(5);
      const holders = await all(db, 'select holder from worker_leases');
      expect(holders).toHaveLength(1);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    expect(await one(db, 'select count(*) as n from worker_leases')).toEqual({ n: 0 });
  });
});
