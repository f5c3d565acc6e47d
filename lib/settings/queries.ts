/** What Préférences shows: the person's own settings. */
import type { Db } from '@/db/client';
import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';
import { hasCalendarFeed } from '@/lib/calendar/feed';

export async function ownSettings(db: Db, viewer: Viewer): Promise<{ receivesNotices: boolean; calendarFeed: boolean }> {
  const receivesNotices = (await db.select({ receives: users.receivesNotices }).from(users).where(eq(users.id, viewer.userId)).limit(1))[0]?.receives ?? false;
  return { receivesNotices, calendarFeed: (await hasCalendarFeed(db, viewer.userId)) };
}
