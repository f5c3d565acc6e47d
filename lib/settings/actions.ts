'use server';
/**
 * Préférences: a person's own expiry notices (on or off) and
 * private calendar feed (a new secret address, or none). Each asks for the
 * viewer itself and changes that person's settings only.
 */
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { database } from '@/db/client';
import { users } from '@/db/schema';
import { issueCalendarSecret, revokeCalendarSecrets } from '@/lib/calendar/feed';
import { env } from '@/lib/env';
import { formAction, plainFormAction, signedIn } from '@/lib/forms/action';

const noticesForm = z.object({ receives: z.enum(['1', '0']) });

const notices = plainFormAction({
  viewer: signedIn,
  values: (formData) => ({ receives: formData.get('receives') }),
  schema: noticesForm,
  // Only a forged post sends anything else: nothing changes, and the page is shown again.
  invalid: () => redirect('/settings?saved=notices'),
  handle: async ({ viewer, data }) => {
    await database().update(users).set({ receivesNotices: data.receives === '1' }).where(eq(users.id, viewer.userId));
    redirect('/settings?saved=notices');
  },
});

export async function setNoticesAction(formData: FormData): Promise<void> {
  return notices(formData);
}

export interface CalendarFeedState {
  /** The new address, shown once: only its hash is kept. */
  url?: string;
  revoked?: boolean;
}

const feed = formAction({
  viewer: signedIn,
  values: (formData) => ({ intent: formData.get('intent') }),
  schema: z.object({ intent: z.enum(['issue', 'revoke']) }),
  invalid: (): CalendarFeedState => ({}),
  handle: async ({ viewer, data }): Promise<CalendarFeedState> => {
    const db = database();
    if (data.intent === 'revoke') {
      await revokeCalendarSecrets(db, viewer.userId, Date.now());
      return { revoked: true };
    }
    const secret = (await issueCalendarSecret(db, viewer.userId, Date.now()));
    return { url: new URL(`/calendar/${secret}`, env().APP_URL ?? 'http://localhost').toString() };
  },
});

export async function calendarFeedAction(previous: CalendarFeedState, formData: FormData): Promise<CalendarFeedState> {
  return feed(previous, formData);
}
