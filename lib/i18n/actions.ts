'use server';
/** The language switch: stored on the user when signed in, and in a cookie for the signed-out pages. */
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { LOCALES, users } from '@/db/schema';
import { safeCallbackPath } from '@/lib/auth/redirect';
import { getOptionalViewer } from '@/lib/auth/viewer';
import { LOCALE_COOKIE } from './locale';

const languageForm = z.object({ locale: z.enum(LOCALES), returnTo: z.string().optional() });

export async function switchLanguage(formData: FormData): Promise<void> {
  const parsed = languageForm.safeParse({ locale: formData.get('locale'), returnTo: formData.get('returnTo') ?? undefined });
  const returnTo = safeCallbackPath(formData.get('returnTo'));
  if (!parsed.success) redirect(returnTo);
  const viewer = await getOptionalViewer();
  if (viewer) getDb().update(users).set({ locale: parsed.data.locale }).where(eq(users.id, viewer.userId)).run();
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
  redirect(returnTo);
}
