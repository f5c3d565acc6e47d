'use server';
/**
 * Sign-in and sign-out as server actions, so the forms work without JavaScript.
 */
import { AuthError, CredentialsSignin } from 'next-auth';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { formatTime } from '@/lib/i18n/format';
import { clientAddress, signIn, signOut } from './config';
import { lockedUntil } from './lockout';
import { safeCallbackPath } from './redirect';
import type { Locale } from '@/db/schema';

export interface SignInState {
  email: string;
  formError?: string;
  fieldErrors?: { email?: string; password?: string };
}

const signInForm = z.object({
  email: z.string().trim().min(1, 'emailRequired').max(320).pipe(z.email({ message: 'emailInvalid' })),
  password: z.string().min(1, 'passwordRequired').max(1024),
  callbackUrl: z.string().optional(),
});

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getTranslations('auth.signIn');
  const raw = { email: String(formData.get('email') ?? ''), password: String(formData.get('password') ?? ''), callbackUrl: formData.get('callbackUrl')?.toString() };
  const parsed = signInForm.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: SignInState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'email' || field === 'password') && !fieldErrors[field]) fieldErrors[field] = t(issue.message as 'emailRequired');
    }
    return { email: raw.email, fieldErrors };
  }

  const { email, password } = parsed.data;
  try {
    await signIn('credentials', { email, password, redirectTo: safeCallbackPath(parsed.data.callbackUrl) });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === 'locked') {
      const until = lockedUntil(getDb(), email.toLowerCase(), clientAddress(await headers()), Date.now()) ?? Date.now();
      const locale = (await getLocale()) as Locale;
      return { email, formError: t('lockedOut', { time: formatTime(locale, until, env().APP_TIME_ZONE) }) };
    }
    if (error instanceof AuthError) return { email, formError: t('invalid') };
    throw error; // Next's redirect after a successful sign-in
  }
  return { email };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}
