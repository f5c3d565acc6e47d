/**
 * How expiry e-mails leave (issue 10): through SMTP with nodemailer when
 * SMTP_URL is set, otherwise written as .eml files under OUTBOX_DIR (the demo,
 * and anyone trying the product without a mail server). Messages are built
 * once, whole (RFC 5322, with their Message-ID), and handed over raw, so that
 * a resend is exactly the same message.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';

export interface OutgoingMessage {
  from: string;
  to: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  date: Date;
}

export interface NoticeTransport {
  /** Where messages go, for the command's report (an SMTP host, an outbox folder). */
  describe: string;
  send(message: { from: string; to: string; messageId: string; raw: string }): Promise<void>;
  close(): void;
}

/** The whole message, as it will be sent. */
export function buildRawMessage(message: OutgoingMessage): Promise<string> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    date: message.date,
    headers: message.headers,
  });
  return new Promise((resolvePromise, reject) => {
    composer.compile().build((error, raw) => (error ? reject(error) : resolvePromise(raw.toString('utf8'))));
  });
}

/** The bare address of `Name <address>` (the SMTP envelope wants the address only). */
function address(mailbox: string): string {
  return /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox.trim();
}

export function smtpTransport(url: string): NoticeTransport {
  const transporter = nodemailer.createTransport(url);
  const { hostname, port } = new URL(url);
  return {
    describe: `SMTP ${hostname}${port ? `:${port}` : ''}`,
    async send({ from, to, raw }) {
      await transporter.sendMail({ envelope: { from: address(from), to: [address(to)] }, raw });
    },
    close: () => transporter.close(),
  };
}

/** Writes each message as `<Message-ID>.eml` (a resend overwrites its own file: no duplicate). */
export function outboxTransport(dir: string): NoticeTransport {
  const folder = resolve(dir);
  return {
    describe: folder,
    async send({ messageId, raw }) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${messageId.replace(/[^A-Za-z0-9.@_-]/g, '')}.eml`), raw);
    },
    close: () => undefined,
  };
}

/** The transport the configuration names: SMTP_URL, or the outbox folder without it. */
export function configuredTransport(config: { SMTP_URL?: string; OUTBOX_DIR: string }): NoticeTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL) : outboxTransport(config.OUTBOX_DIR);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an e-mail's HTML part. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/** What an action that e-mails one person needs: where links point, who sends, how, when, and from where it was asked. */
export interface MailContext {
  appUrl: string;
  from: string;
  transport: NoticeTransport;
  now: number;
  address: string;
}

/** A short message to one person that carries one link (an invitation, a reset, an order). */
export interface LinkMessage {
  to: string;
  /** The Message-ID's first part: what kind of message it is. */
  kind: string;
  subject: string;
  /** The paragraphs before the link. */
  before: string[];
  link: { url: string; label: string };
  /** The paragraphs after it. */
  after: string[];
}

/** Builds and sends a link message, plain text and HTML, as automatic mail. */
export async function sendLinkMessage(context: Pick<MailContext, 'appUrl' | 'from' | 'transport' | 'now'>, message: LinkMessage): Promise<void> {
  const messageId = `<${message.kind}-${randomUUID()}@${new URL(context.appUrl).hostname || 'license-desk.invalid'}>`;
  const paragraphs = (texts: string[]) => texts.map((text) => `<p>${escapeHtml(text)}</p>`).join('');
  const raw = await buildRawMessage({
    from: context.from,
    to: message.to,
    messageId,
    subject: message.subject,
    text: [...message.before, message.link.url, ...message.after].join('\n\n'),
    html: `${paragraphs(message.before)}<p><a href="${escapeHtml(message.link.url)}">${escapeHtml(message.link.label)}</a></p>${paragraphs(message.after)}`,
    headers: { 'Auto-Submitted': 'auto-generated' },
    date: new Date(context.now),
  });
  await context.transport.send({ from: context.from, to: message.to, messageId, raw });
}
