/**
 * One run of the expiry notices (`npm run notices`, or the server once a day
 * at NOTICES_DAILY_AT). Once only, whatever happens:
 *
 * 1. Notices of earlier runs still waiting in the mail outbox (an SMTP
 *    failure, an interrupted run) and due again are sent, as they were (same
 *    Message-ID, so a mail client can drop a duplicate).
 * 2. For each person with notices due and not yet announced, one e-mail is
 *    queued in the mail outbox together with what it announces (notices_sent,
 *    whose unique key is the lock: a second run at once cannot record the
 *    same notice and skips that person), in one transaction.
 * 3. The run then sends what it queued itself (each message claimed first:
 *    the server's outbox worker may take some, never the same one).
 *
 * An SMTP failure is reported for that person and retried later (the
 * outbox's back-off); it does not stop the others.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { statement } from '@/db/statements';
import { withTransaction } from '@/db/transaction';
import { classifyDatabaseError } from '@/db/errors';
import { CLAIM_MS, deliverMail, queueMail } from '@/lib/mail/outbox';
import { composeNotice } from './compose';
import { buildRawMessage, type NoticeTransport } from './mailer';
import { dueNotices, type NoticeRecipient } from './recipients';
import { noticesOffOneClickUrl, noticesOffToken, noticesOffUrl } from './unsubscribe';

export interface NoticeRunOptions {
  today: string;
  appUrl: string;
  /** AUTH_SECRET: signs the notices-off links. */
  secret: string;
  thresholds: readonly number[];
  from: string;
  transport: NoticeTransport;
  dryRun?: boolean;
  now?: () => number;
}

export interface NoticeRunSummary {
  /** People with new notices this run. */
  recipients: number;
  sent: number;
  /** Messages of earlier runs sent again. */
  resent: number;
  /** People whose notices another run recorded first. */
  skipped: number;
  /** Messages of this run that another sender (the server's outbox worker) took. */
  handedOver: number;
  failed: { email: string; error: string }[];
  /** --dry-run: what would be sent, without writing or sending anything. */
  planned: { email: string; locale: string; subject: string; lines: number }[];
}

export async function runNotices(db: Db, options: NoticeRunOptions): Promise<NoticeRunSummary> {
  const now = options.now ?? Date.now;
  const run = randomUUID();
  const summary: NoticeRunSummary = { recipients: 0, sent: 0, resent: 0, skipped: 0, handedOver: 0, failed: [], planned: [] };
  const from = options.from;
  const deliver = async (ids: number[]) => {
    const report = await deliverMail(db, options.transport, { sender: run, from, now, ids, log: () => undefined });
    for (const failure of report.failed) summary.failed.push({ email: failure.to, error: failure.error });
    return report;
  };

  // 1. What earlier runs left waiting, once due again.
  if (!options.dryRun) {
    const left = (await statement<{ id: number }>(db, 
        `select id from mail_outbox where kind = 'notice' and status = 'pending' and next_attempt_at <= ? and (claimed_at is null or claimed_at < ?) order by id`,
      )
      .all(now(), now() - CLAIM_MS))
      .map((row) => row.id);
    summary.resent = (await deliver(left)).sent;
  }

  // 2. What is due today and not announced yet.
  const host = new URL(options.appUrl).hostname || 'license-desk.invalid';
  // The message and what it announces in one transaction: the unique key of notices_sent refuses a second run's copy.
  const record = async (recipient: NoticeRecipient, messageId: string, raw: string): Promise<number> =>
    (await withTransaction(db, async (tx) => {
      const id = await queueMail(tx, { kind: 'notice', userId: recipient.userId, to: recipient.email, from, subject: '', text: '', html: '', messageId, raw, now: now() });
      const announce = statement(tx, 'insert into notices_sent (user_id, line_id, threshold, expires_on, notice_message_id, sent_at) values (?, ?, ?, ?, ?, ?)');
      for (const item of recipient.items) await announce.run(recipient.userId, item.lineId, item.threshold, item.expiresOn, id, now());
      return id;
    }));

  for (const recipient of (await dueNotices(db, options.today, options.thresholds))) {
    const token = noticesOffToken(options.secret, recipient.userId);
    const composed = composeNotice(recipient, { appUrl: options.appUrl, today: options.today, offUrl: noticesOffUrl(options.appUrl, token) });
    if (options.dryRun) {
      summary.planned.push({ email: recipient.email, locale: recipient.locale ?? 'fr', subject: composed.subject, lines: recipient.items.length });
      continue;
    }
    summary.recipients++;
    const messageId = `<${randomUUID()}@${host}>`;
    const raw = await buildRawMessage({
      from,
      to: recipient.email,
      messageId,
      subject: composed.subject,
      text: composed.text,
      html: composed.html,
      date: new Date(now()),
      headers: {
        'List-Unsubscribe': `<${noticesOffOneClickUrl(options.appUrl, token)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
      },
    });
    let id: number;
    try {
      id = await record(recipient, messageId, raw);
    } catch (error) {
      // The unique key of notices_sent: another run recorded (some of) these notices first (or what they name is gone).
      const refused = classifyDatabaseError(error)?.kind;
      if (refused === 'unique-violation' || refused === 'constraint-violation') {
        summary.skipped++;
        continue;
      }
      throw error;
    }
    // 3. Sent at once, one by one (a run at once with this one records nothing twice meanwhile).
    const report = await deliver([id]);
    summary.sent += report.sent;
    if (report.sent + report.failed.length === 0) summary.handedOver++;
  }
  return summary;
}
