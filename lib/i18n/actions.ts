'use server';
/** The language switch: stored on the user when signed in, and in a cookie for the signed-out pages. */
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { database } from '@/db/client';
import { LOCALES, users } from '@/db/schema';
import { safeCallbackPath } from '@/lib/auth/redirect';
import { getOptionalViewer } from '@/lib/auth/viewer';
import { plainFormAction } from '@/lib/forms/action';
import { LOCALE_COOKIE } from './locale';

const languageForm = z.object({ locale: z.enum(LOCALES), returnTo: z.string().optional() });

const languageStep = plainFormAction({
  viewer: getOptionalViewer,
  values: (formData) => ({ locale: formData.get('locale'), returnTo: formData.get('returnTo') ?? undefined }),
  schema: languageForm,
  // A language we do not have changes nothing: back to the page.
  invalid: (values) => redirect(safeCallbackPath(values.returnTo)),
  handle: async ({ viewer, data }) => {
    if (viewer) await database().update(users).set({ locale: data.locale }).where(eq(users.id, viewer.userId));
    (await cookies()).set(LOCALE_COOKIE, data.locale, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
    redirect(safeCallbackPath(data.returnTo));
  },
});

export async function switchLanguage(formData: FormData): Promise<void> {
  return languageStep(formData);
}
