/**
 * What the outbox worker does, for integration tests: sends every message
 * due in the mail outbox through a transport (usually the test SMTP server).
 */
import type { Db } from '@/db/client';
import { deliverMail } from '@/lib/mail/outbox';
import { smtpTransport } from '@/lib/notices/mailer';
import { all } from './db';

export async function sendOutbox(db: Db, smtpUrl: string, now = Date.now()) {
  const transport = smtpTransport(smtpUrl);
  try {
    return await deliverMail(db, transport, { sender: 'test', from: 'no-reply@portal.example', now: () => now, log: () => undefined });
  } finally {
    transport.close();
  }
}

export interface OutboxRow {
  id: number;
  kind: string;
  recipient: string;
  status: string;
  content: string | null;
  raw: string | null;
}

/** The mail outbox's rows, oldest first, on either engine. */
export function mailOutbox(db: Db): Promise<OutboxRow[]> {
  return all(db, 'select id, kind, recipient, status, content, raw from mail_outbox order by id');
}
