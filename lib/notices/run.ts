/**
 * One run of the expiry notices (issue 10; `npm run notices`, or the server
 * once a day at NOTICES_DAILY_AT). Once only, whatever happens:
 *
 * 1. Messages left `sending` by an earlier run — interrupted between the
 *    record and the SMTP hand-off, or refused by the SMTP server — are sent
 *    again as they were (same Message-ID, so a mail client can drop a
 *    duplicate), once no other run holds their claim (LEASE_MS).
 * 2. For each person with notices due and not yet announced, one e-mail is
 *    recorded as `sending` together with what it announces (notices_sent,
 *    whose unique key is the lock: a second run at once cannot record the
 *    same notice and skips that person), handed to SMTP, then marked `sent`.
 *
 * An SMTP failure is reported for that person and retried on the next run;
 * it does not stop the others.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { DB } from '@/db/client';
import { classifyDatabaseError } from '@/db/errors';
import { composeNotice } from './compose';
import { buildRawMessage, type NoticeTransport } from './mailer';
import { dueNotices, type NoticeRecipient } from './recipients';
import { noticesOffOneClickUrl, noticesOffToken, noticesOffUrl } from './unsubscribe';

/** How long a run's claim on a message holds before another run may take it over. */
export const LEASE_MS = 15 * 60_000;

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
  leaseMs?: number;
}

export interface NoticeRunSummary {
  /** People with new notices this run. */
  recipients: number;
  sent: number;
  /** Messages of earlier runs sent again. */
  resent: number;
  /** People whose notices another run recorded first. */
  skipped: number;
  failed: { email: string; error: string }[];
  /** --dry-run: what would be sent, without writing or sending anything. */
  planned: { email: string; locale: string; subject: string; lines: number }[];
}

interface StoredMessage {
  id: number;
  email: string;
  message_id: string;
  raw: string;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

export async function runNotices(db: DB, options: NoticeRunOptions): Promise<NoticeRunSummary> {
  const now = options.now ?? Date.now;
  const lease = options.leaseMs ?? LEASE_MS;
  const run = randomUUID();
  const summary: NoticeRunSummary = { recipients: 0, sent: 0, resent: 0, skipped: 0, failed: [], planned: [] };
  const sql = db.$client;

  const claim = sql.prepare<[string, number, number, number]>(
    `update notice_messages set claimed_by = ?, claimed_at = ?, attempts = attempts + 1
      where id = ? and status = 'sending' and (claimed_at is null or claimed_at < ?)`,
  );
  const markSent = sql.prepare<[number, number]>(`update notice_messages set status = 'sent', sent_at = ?, last_error = null where id = ?`);
  // A failure releases the claim at once: the next run retries it.
  const markFailed = sql.prepare<[string, number]>(`update notice_messages set last_error = ?, claimed_by = null, claimed_at = null where id = ?`);
  const from = options.from;

  async function deliver(message: StoredMessage): Promise<boolean> {
    try {
      await options.transport.send({ from, to: message.email, messageId: message.message_id, raw: message.raw });
      markSent.run(now(), message.id);
      return true;
    } catch (error) {
      markFailed.run(errorText(error), message.id);
      summary.failed.push({ email: message.email, error: errorText(error) });
      return false;
    }
  }

  // 1. What earlier runs left `sending`.
  if (!options.dryRun) {
    const left = sql
      .prepare<[number], StoredMessage>(
        `select m.id, u.email, m.message_id, m.raw from notice_messages m join users u on u.id = m.user_id
          where m.status = 'sending' and (m.claimed_at is null or m.claimed_at < ?) order by m.id`,
      )
      .all(now() - lease);
    for (const message of left) {
      if (claim.run(run, now(), message.id, now() - lease).changes !== 1) continue; // another run took it
      if (await deliver(message)) summary.resent++;
    }
  }

  // 2. What is due today and not announced yet.
  const host = new URL(options.appUrl).hostname || 'license-desk.invalid';
  const record = sql.transaction((recipient: NoticeRecipient, messageId: string, raw: string): number => {
    const id = Number(
      sql
        .prepare(
          `insert into notice_messages (user_id, message_id, status, raw, claimed_by, claimed_at, attempts, created_at)
           values (?, ?, 'sending', ?, ?, ?, 1, ?)`,
        )
        .run(recipient.userId, messageId, raw, run, now(), now()).lastInsertRowid,
    );
    const announce = sql.prepare('insert into notices_sent (user_id, line_id, threshold, expires_on, notice_message_id, sent_at) values (?, ?, ?, ?, ?, ?)');
    for (const item of recipient.items) announce.run(recipient.userId, item.lineId, item.threshold, item.expiresOn, id, now());
    return id;
  });

  for (const recipient of dueNotices(db, options.today, options.thresholds)) {
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
      id = record(recipient, messageId, raw);
    } catch (error) {
      // The unique key of notices_sent: another run recorded (some of) these notices first (or what they name is gone).
      const refused = classifyDatabaseError(error)?.kind;
      if (refused === 'unique-violation' || refused === 'constraint-violation') {
        summary.skipped++;
        continue;
      }
      throw error;
    }
    if (await deliver({ id, email: recipient.email, message_id: messageId, raw })) summary.sent++;
  }
  return summary;
}
