/**
 * What the outbox worker does, for integration tests: sends every message
 * due in the mail outbox through a transport (usually the test SMTP server).
 */
import type { DB, Db } from '@/db/client';
import { deliverMail } from '@/lib/mail/outbox';
import { smtpTransport } from '@/lib/notices/mailer';

export async function sendOutbox(db: Db, smtpUrl: string, now = Date.now()) {
  const transport = smtpTransport(smtpUrl);
  try {
    return await deliverMail(db, transport, { sender: 'test', from: 'no-reply@portal.example', now: () => now, log: () => undefined });
  } finally {
    transport.close();
  }
}

/** The mail outbox's rows, oldest first. */
export function outboxRows(db: DB): { id: number; kind: string; recipient: string; status: string; content: string | null; raw: string | null }[] {
  return db.$client.prepare('select id, kind, recipient, status, content, raw from mail_outbox order by id').all() as never;
}
