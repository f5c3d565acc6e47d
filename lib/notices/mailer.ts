/**
 * How e-mails leave the outbox (lib/mail/outbox.ts): through SMTP with
 * nodemailer when SMTP_URL is set, otherwise written as .eml files under
 * OUTBOX_DIR (the demo, and anyone trying the product without a mail
 * server). Messages are built once, whole (RFC 5322, with their Message-ID),
 * and handed over raw, so that a resend is exactly the same message.
 */
import 'server-only';
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

/**
 * Bounded waits for an SMTP server that does not answer: a hand-off never
 * holds its claim on a message (CLAIM_MS in lib/mail/outbox.ts) for long.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 } as const;

export function smtpTransport(url: string): NoticeTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
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
