/**
 * RFC 8058 one-click unsubscribe: the mail client posts
 * `List-Unsubscribe=One-Click` to the List-Unsubscribe address of an expiry
 * e-mail. The signed token in the address names the user whose notices are
 * turned off; nothing else can be done here. No session and no Origin are
 * expected (proxy.ts lets this one address through its origin check).
 */
import { database } from '@/db/client';
import { env } from '@/lib/env';
import { turnNoticesOff } from '@/lib/notices/unsubscribe';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const secret = env().AUTH_SECRET;
  const done = token.length <= 200 && secret ? (await turnNoticesOff(database(), secret, token)) : false;
  return new Response(done ? 'Expiry notices are off.\n' : 'Not found.\n', { status: done ? 200 : 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
