'use server';
/**
 * Préférences (issue 10): a person's own expiry notices (on or off) and
 * private calendar feed (a new secret address, or none). Each asks for the
 * viewer itself and changes that person's settings only.
 */
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { issueCalendarSecret, revokeCalendarSecrets } from '@/lib/calendar/feed';
import { env } from '@/lib/env';

const noticesForm = z.object({ receives: z.enum(['1', '0']) });

export async function setNoticesAction(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const parsed = noticesForm.safeParse({ receives: formData.get('receives') });
  if (parsed.success) getDb().update(users).set({ receivesNotices: parsed.data.receives === '1' }).where(eq(users.id, viewer.userId)).run();
  redirect('/settings?saved=notices');
}

export interface CalendarFeedState {
  /** The new address, shown once: only its hash is kept. */
  url?: string;
  revoked?: boolean;
}

const feedForm = z.object({ intent: z.enum(['issue', 'revoke']) });

export async function calendarFeedAction(_previous: CalendarFeedState, formData: FormData): Promise<CalendarFeedState> {
  const viewer = await requireViewer();
  const parsed = feedForm.safeParse({ intent: formData.get('intent') });
  if (!parsed.success) return {};
  const db = getDb();
  if (parsed.data.intent === 'revoke') {
    revokeCalendarSecrets(db, viewer.userId, Date.now());
    return { revoked: true };
  }
  const secret = issueCalendarSecret(db, viewer.userId, Date.now());
  return { url: new URL(`/calendar/${secret}`, env().APP_URL ?? 'http://localhost').toString() };
}
