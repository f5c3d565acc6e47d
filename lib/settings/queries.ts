/** What Préférences shows: the person's own settings. */
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';
import { hasCalendarFeed } from '@/lib/calendar/feed';

export async function ownSettings(viewer: Viewer): Promise<{ receivesNotices: boolean; calendarFeed: boolean }> {
  const db = getDb();
  const receivesNotices = (await db.select({ receives: users.receivesNotices }).from(users).where(eq(users.id, viewer.userId)).limit(1))[0]?.receives ?? false;
  return { receivesNotices, calendarFeed: (await hasCalendarFeed(db, viewer.userId)) };
}
