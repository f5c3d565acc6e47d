/**
 * The private calendar feed: `/calendar/SECRET` answers an
 * iCalendar document of the expirations its user may see. No session: the
 * secret is the authority; an unknown or revoked one is a bare 404.
 */
import { database } from '@/db/client';
import { calendarEvents, toICalendar, userOfCalendarSecret } from '@/lib/calendar/feed';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ secret: string }> }) {
  const secret = (await params).secret.replace(/\.ics$/, '');
  const db = database();
  const user = (await userOfCalendarSecret(db, secret));
  if (!user) return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const appUrl = env().APP_URL ?? new URL(request.url).origin;
  const body = toICalendar((await calendarEvents(db, user, appUrl, today())), 'License Desk', new Date());
  return new Response(body, {
    headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'content-disposition': 'inline; filename="license-desk.ics"' },
  });
}
