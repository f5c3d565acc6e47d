'use server';
/**
 * Sign-in and sign-out as server actions, so the forms work without JavaScript.
 */
import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/request-headers';
import { formatTime } from '@/lib/i18n/format';
import { auth, signIn, signOut } from './config';
import { lockedUntil } from './lockout';
import { safeCallbackPath } from './redirect';
import { endSession } from './sessions';
import { signInRefusal } from './sign-in';
import type { Locale } from '@/db/schema';

export interface SignInState {
  email: string;
  formError?: string;
  fieldErrors?: { email?: string; password?: string };
}

/** The messages are catalogue keys of auth.signIn. */
const signInForm = z.object({
  email: z.string().trim().min(1, 'emailRequired').max(320, 'emailTooLong').pipe(z.email({ message: 'emailInvalid' })),
  password: z.string().min(1, 'passwordRequired').max(1024, 'passwordTooLong'),
  callbackUrl: z.string().optional(),
});

type FieldMessage = 'emailRequired' | 'emailTooLong' | 'emailInvalid' | 'passwordRequired' | 'passwordTooLong';
const FIELD_MESSAGES = new Set<string>(['emailRequired', 'emailTooLong', 'emailInvalid', 'passwordRequired', 'passwordTooLong']);

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getTranslations('auth.signIn');
  const raw = { email: String(formData.get('email') ?? ''), password: String(formData.get('password') ?? ''), callbackUrl: formData.get('callbackUrl')?.toString() };
  // What was typed comes back in the field; an absurd length is not worth echoing.
  const typedEmail = raw.email.slice(0, 400);
  const parsed = signInForm.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: SignInState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'email' || field === 'password') && !fieldErrors[field]) {
        // Only our own keys reach the catalogue; anything else is the field's generic message.
        const key = (FIELD_MESSAGES.has(issue.message) ? issue.message : field === 'email' ? 'emailInvalid' : 'passwordRequired') as FieldMessage;
        fieldErrors[field] = t(key);
      }
    }
    return { email: typedEmail, fieldErrors };
  }

  const { email, password } = parsed.data;
  try {
    await signIn('credentials', { email, password, redirectTo: safeCallbackPath(parsed.data.callbackUrl) });
  } catch (error) {
    const refusal = signInRefusal(error);
    switch (refusal) {
      case 'locked': {
        let until = Date.now();
        try {
          until = lockedUntil(getDb(), email.toLowerCase(), clientAddress(await headers()), Date.now()) ?? until;
        } catch {
          // The time to retry is a courtesy; the refusal stands without it.
        }
        const locale = (await getLocale()) as Locale;
        return { email, formError: t('lockedOut', { time: formatTime(locale, until, env().APP_TIME_ZONE) }) };
      }
      case 'throttled':
        return { email, formError: t('tooManyAttempts') };
      case 'unavailable':
        return { email, formError: t('unavailable') };
      case 'invalid':
        return { email, formError: t('invalid') };
      default:
        if (error instanceof AuthError) return { email, formError: t('invalid') };
        throw error; // Next's redirect after a successful sign-in
    }
  }
  return { email };
}

export async function signOutAction(): Promise<void> {
  // End the session on the server first: a copy of the cookie must open nothing afterwards.
  const session = await auth();
  if (session?.sessionId) endSession(getDb(), session.sessionId, 'signed_out', Date.now());
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}
