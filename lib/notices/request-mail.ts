/**
 * The mail context of a server action: links point at APP_URL (or the host
 * the request came to), the sender is MAIL_FROM, and the client address goes
 * to the audit log. The action only queues its messages (lib/mail/outbox.ts):
 * the outbox worker sends them, so no request waits for SMTP.
 */
import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/request-headers';
import type { MailContext } from '@/lib/mail/outbox';

export async function requestMailContext(): Promise<MailContext> {
  const config = env();
  const requestHeaders = await headers();
  return {
    appUrl: config.APP_URL ?? `http://${requestHeaders.get('host') ?? 'localhost'}`,
    from: config.MAIL_FROM,
    now: Date.now(),
    address: clientAddress(requestHeaders),
  };
}
