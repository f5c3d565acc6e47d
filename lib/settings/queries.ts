/** What Préférences shows: the person's own settings. */
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';
import { hasCalendarFeed } from '@/lib/calendar/feed';

export function ownSettings(viewer: Viewer): { receivesNotices: boolean; calendarFeed: boolean } {
  const db = getDb();
  const receivesNotices = db.select({ receives: users.receivesNotices }).from(users).where(eq(users.id, viewer.userId)).get()?.receives ?? false;
  return { receivesNotices, calendarFeed: hasCalendarFeed(db, viewer.userId) };
}
