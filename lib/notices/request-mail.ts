/**
 * The mail context of a server action: links point at APP_URL (or the host
 * the request came to), messages leave through the configured transport
 * (SMTP_URL, or OUTBOX_DIR), which is closed once the action is done.
 */
import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/request-headers';
import { configuredTransport, type MailContext } from './mailer';

export async function withRequestMail<T>(send: (context: MailContext) => Promise<T>): Promise<T> {
  const config = env();
  const requestHeaders = await headers();
  const transport = configuredTransport(config);
  try {
    return await send({
      appUrl: config.APP_URL ?? `http://${requestHeaders.get('host') ?? 'localhost'}`,
      from: config.MAIL_FROM,
      transport,
      now: Date.now(),
      address: clientAddress(requestHeaders),
    });
  } finally {
    transport.close();
  }
}
