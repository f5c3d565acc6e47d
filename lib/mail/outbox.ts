/**
 * The mail outbox: every e-mail the portal sends is a row of `mail_outbox`,
 * written in the same transaction as the change that causes it (a reset link
 * with its token, an invitation with its person, notices with what they
 * announce), and sent afterwards by a sender — the server's outbox worker
 * (lib/mail/worker.ts), or the command that wrote it — never by the request.
 *
 * Once only, whatever happens:
 * - a sender claims a row (`claimed_by`, `claimed_at`) with one conditional
 *   UPDATE before the SMTP hand-off, so two senders (two processes, two
 *   servers on one database) never hand the same message over at once; a
 *   claim older than CLAIM_MS is taken over (its sender died);
 * - the message is built once (`raw`, with its Message-ID) before the first
 *   hand-off, so a resend is byte for byte the same and a mail client drops a
 *   duplicate; the only duplicate possible is a sender dying after the SMTP
 *   server accepted and before the row was marked `sent`;
 * - an SMTP failure puts the row back with a later `next_attempt_at`
 *   (back-off doubling from BACKOFF_BASE_MS up to BACKOFF_MAX_MS); after
 *   MAX_ATTEMPTS, or once a link message's link has expired, it is `failed`,
 *   and every failure is logged with the message's id, kind and recipient.
 *
 * Link messages (reset, invitation) carry a usable link: their text is
 * erased once they are sent or given up, so the table keeps no live link
 * longer than it waits.
 *
 * The SQL is plain enough for PostgreSQL too (the claim is a conditional
 * UPDATE that a row lock would serialise the same way).
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import type { MailKind } from '@/db/schema';
import { buildRawMessage, escapeHtml, type NoticeTransport, type OutgoingMessage } from '@/lib/notices/mailer';
import { statement } from '@/db/statements';

/** How long a sender's claim on a message holds before another sender may take it over. */
export const CLAIM_MS = 5 * 60_000;
/** The first retry after a failure; each further one waits twice as long, up to BACKOFF_MAX_MS. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
/** Attempts before a message is given up (about a day with the back-off above). */
export const MAX_ATTEMPTS = 30;

/** Kinds whose text holds a usable link: erased once sent or given up. */
const LINK_KINDS: ReadonlySet<MailKind> = new Set(['reset', 'invitation']);

/** The message as composed, stored until it is built (dates as epoch ms). */
type StoredContent = Omit<OutgoingMessage, 'date' | 'messageId' | 'to'> & { date: number };

export interface QueuedMail {
  kind: MailKind;
  userId: number | null;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** When it was written (the message's Date). */
  now: number;
  /** The Message-ID, `<…@host>`; a new one by default. */
  messageId?: string;
  /** The whole message, when the caller built it already (the notices). */
  raw?: string;
  /** Not sent after this time (a link that expires). */
  discardAfter?: number;
}

/** A new Message-ID on the portal's host. */
export function newMessageId(appUrl: string, kind: string): string {
  return `<${kind}-${randomUUID()}@${new URL(appUrl).hostname || 'license-desk.invalid'}>`;
}

/** How long after a message is queued the worker of the same process looks for it. */
export const WAKE_DELAY_MS = 200;

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called after a message is queued in this process (the worker sends at once instead of at its next poll). */
export function onMailQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Writes one message to the outbox. Synchronous, so that it belongs to the
 * caller's transaction: call it inside the transaction of the change that
 * causes the message. Returns the row's id.
 */
export async function queueMail(db: Db, mail: QueuedMail): Promise<number> {
  const content: StoredContent | null = mail.raw
    ? null
    : { from: mail.from, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers ?? {}, date: mail.now };
  const { id } = (await statement<{ id: number }>(
    db,
    `insert into mail_outbox (kind, user_id, recipient, message_id, content, raw, status, attempts, next_attempt_at, discard_after, created_at)
     values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
     returning id`,
  ).get(mail.kind, mail.userId, mail.to, mail.messageId ?? `<${mail.kind}-${randomUUID()}@license-desk.invalid>`, content && JSON.stringify(content), mail.raw ?? null, mail.now, mail.discardAfter ?? null, mail.now))!;
  // After the caller's transaction, and after the request that queued it has been answered: building and
  // handing the message over at once would take its time from that very answer (and tell a known address
  // from an unknown one by it).
  if (listeners.size > 0) setTimeout(() => listeners.forEach((listener) => listener()), WAKE_DELAY_MS).unref();
  return id;
}

/** A short message to one person that carries one link (an invitation, a reset, an order). */
export interface LinkMessage {
  kind: MailKind;
  userId: number | null;
  to: string;
  subject: string;
  /** The paragraphs before the link. */
  before: string[];
  link: { url: string; label: string };
  /** The paragraphs after it. */
  after: string[];
  discardAfter?: number;
}

/** What queuing a message from the portal needs: where links point, who sends, and when. */
export interface MailContext {
  appUrl: string;
  from: string;
  now: number;
  /** The client address of the request that caused it (for the audit log). */
  address: string;
}

/** Queues a link message, plain text and HTML, as automatic mail. Synchronous: call it inside the change's transaction. */
export async function queueLinkMessage(db: Db, context: Pick<MailContext, 'appUrl' | 'from' | 'now'>, message: LinkMessage): Promise<number> {
  const paragraphs = (texts: string[]) => texts.map((text) => `<p>${escapeHtml(text)}</p>`).join('');
  return (await queueMail(db, {
    kind: message.kind,
    userId: message.userId,
    to: message.to,
    from: context.from,
    messageId: newMessageId(context.appUrl, message.kind),
    subject: message.subject,
    text: [...message.before, message.link.url, ...message.after].join('\n\n'),
    html: `${paragraphs(message.before)}<p><a href="${escapeHtml(message.link.url)}">${escapeHtml(message.link.label)}</a></p>${paragraphs(message.after)}`,
    headers: { 'Auto-Submitted': 'auto-generated' },
    now: context.now,
    discardAfter: message.discardAfter,
  }));
}

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryReport {
  sent: number;
  failed: { id: number; kind: MailKind; to: string; error: string; final: boolean }[];
}

interface Row {
  id: number;
  kind: MailKind;
  recipient: string;
  message_id: string;
  content: string | null;
  raw: string | null;
  attempts: number;
  discard_after: number | null;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

export interface DeliverOptions {
  /** Who is sending (a process, a command run): the claim's owner. */
  sender: string;
  /** The envelope's sender (MAIL_FROM): where bounces go. */
  from: string;
  now?: () => number;
  /** Only these rows (a command sends what it wrote); by default every row due. */
  ids?: readonly number[];
  /** Most messages this call sends (the worker goes back to its loop in between). */
  limit?: number;
  /** Called between messages (the worker renews its lease); false stops the delivery. */
  keepGoing?: () => Promise<boolean>;
  log?: (line: string) => void;
}

/**
 * Sends what is due (or the given rows), one message at a time, each claimed
 * first. Never throws for an SMTP failure (it is recorded on the row and
 * reported); throws what the database throws.
 */
export async function deliverMail(db: Db, transport: NoticeTransport, options: DeliverOptions): Promise<DeliveryReport> {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const report: DeliveryReport = { sent: 0, failed: [] };
  const limit = options.limit ?? 100;

  const candidates = async (): Promise<number[]> => {
    const at = now();
    if (options.ids) {
      if (options.ids.length === 0) return [];
      return (await statement<{ id: number }>(db, 
          `select id from mail_outbox where status = 'pending' and (claimed_at is null or claimed_at < ?) and id in (${options.ids.map(() => '?').join(', ')}) order by id`,
        )
        .all(at - CLAIM_MS, ...options.ids))
        .map((row) => row.id);
    }
    return (await statement<{ id: number }>(db, 
        `select id from mail_outbox where status = 'pending' and next_attempt_at <= ? and (claimed_at is null or claimed_at < ?) order by next_attempt_at, id limit ?`,
      )
      .all(at, at - CLAIM_MS, limit))
      .map((row) => row.id);
  };
  const claim = statement(db, 
    `update mail_outbox set claimed_by = ?, claimed_at = ?, attempts = attempts + 1
      where id = ? and status = 'pending' and (claimed_at is null or claimed_at < ?)`,
  );
  const read = statement<Row>(db, 'select id, kind, recipient, message_id, content, raw, attempts, discard_after from mail_outbox where id = ?');
  const storeRaw = statement(db, 'update mail_outbox set raw = ?, content = null where id = ? and claimed_by = ? and raw is null');
  const markSent = statement(db, 
    `update mail_outbox set status = 'sent', sent_at = ?, last_error = null, claimed_by = null, claimed_at = null where id = ? and claimed_by = ?`,
  );
  const markFailed = statement(db, 
    `update mail_outbox set last_error = ?, claimed_by = null, claimed_at = null, next_attempt_at = ?, status = ? where id = ? and claimed_by = ?`,
  );
  // A link message's text is a usable link: erased once it is no longer waiting.
  const erase = statement(db, `update mail_outbox set raw = null, content = null where id = ? and status <> 'pending'`);

  let handled = 0;
  for (const id of (await candidates())) {
    if (handled >= limit || (options.keepGoing && !(await options.keepGoing()))) break;
    const at = now();
    if ((await claim.run(options.sender, at, id, at - CLAIM_MS)).rowsChanged !== 1) continue; // another sender has it
    handled++;
    const row = (await read.get(id))!;
    const settle = async () => {
      if (LINK_KINDS.has(row.kind)) await erase.run(id);
    };
    if (row.discard_after !== null && row.discard_after <= at) {
      const error = 'not sent: its link expired before it could be sent';
      await markFailed.run(error, at, 'failed', id, options.sender);
      await settle();
      log(`[mail] message ${id} (${row.kind}) to ${row.recipient} given up: ${error}`);
      report.failed.push({ id, kind: row.kind, to: row.recipient, error, final: true });
      continue;
    }
    try {
      let raw = row.raw;
      if (raw === null) {
        const content = JSON.parse(row.content ?? '{}') as StoredContent;
        raw = await buildRawMessage({ ...content, to: row.recipient, messageId: row.message_id, date: new Date(content.date) });
        await storeRaw.run(raw, id, options.sender);
      }
      await transport.send({ from: options.from, to: row.recipient, messageId: row.message_id, raw });
      await markSent.run(now(), id, options.sender);
      await settle();
      report.sent++;
    } catch (error) {
      const final = row.attempts >= MAX_ATTEMPTS;
      const next = now() + backoffMs(row.attempts);
      await markFailed.run(errorText(error), next, final ? 'failed' : 'pending', id, options.sender);
      await settle();
      log(
        final
          ? `[mail] message ${id} (${row.kind}) to ${row.recipient} given up after ${row.attempts} attempts: ${errorText(error)}`
          : `[mail] message ${id} (${row.kind}) to ${row.recipient} not sent (attempt ${row.attempts}): ${errorText(error)}; next attempt at ${new Date(next).toISOString()}`,
      );
      report.failed.push({ id, kind: row.kind, to: row.recipient, error: errorText(error), final });
    }
  }
  return report;
}

/** Whether anything is due now (a read: the worker asks before it takes the sender's lease). */
export async function mailDue(db: Db, now: number): Promise<boolean> {
  return (
    (await statement<{ id: number }>(db, `select id from mail_outbox where status = 'pending' and next_attempt_at <= ? and (claimed_at is null or claimed_at < ?) limit 1`)
      .get(now, now - CLAIM_MS)) !== undefined
  );
}

/** Messages given up, newest first (the operator's view: `npm run mail:failed`). */
export async function failedMail(db: Db, limit = 50): Promise<{ id: number; kind: MailKind; recipient: string; attempts: number; lastError: string | null; createdAt: number }[]> {
  return (await statement<{ id: number; kind: MailKind; recipient: string; attempts: number; lastError: string | null; createdAt: number }>(db, 
      `select id, kind, recipient, attempts, last_error as "lastError", created_at as "createdAt" from mail_outbox where status = 'failed' order by id desc limit ?`,
    )
    .all(limit));
}
