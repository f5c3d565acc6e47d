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
import { changePassword, signOutEverywhere } from './account';
import { auth, signIn, signOut } from './config';
import { MIN_PASSWORD_LENGTH } from './password-strength';
import { lockedUntil } from './lockout';
import { safeCallbackPath } from './redirect';
import { endSession } from './sessions';
import { signInRefusal } from './sign-in';
import { requireViewer } from './viewer';
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

/** "Se déconnecter de partout": ends every session of the person, this one included, then back to the sign-in page. */
export async function signOutEverywhereAction(): Promise<void> {
  const viewer = await requireViewer();
  signOutEverywhere(getDb(), viewer.userId, { address: clientAddress(await headers()), now: Date.now() });
  await signOut({ redirectTo: '/sign-in?signedOut=everywhere' });
}

export interface PasswordChangeState {
  errors: { current?: string; next?: string; confirmation?: string };
}

const passwordChangeForm = z.object({ current: z.string().max(1024), next: z.string().max(4096), confirmation: z.string().max(4096) });

/** Changer le mot de passe: the current one, the new one twice; every session ends, and the person signs in again with it. */
export async function changePasswordAction(_previous: PasswordChangeState, formData: FormData): Promise<PasswordChangeState> {
  const viewer = await requireViewer();
  const t = await getTranslations('auth.password');
  const parsed = passwordChangeForm.safeParse({ current: formData.get('current') ?? '', next: formData.get('next') ?? '', confirmation: formData.get('confirmation') ?? '' });
  // Nothing typed is ever sent back: password fields come back empty.
  if (!parsed.success) return { errors: { next: t('errors.tooLong') } };
  const outcome = await changePassword(getDb(), viewer.userId, parsed.data, { address: clientAddress(await headers()), now: Date.now() });
  if (outcome.kind === 'invalid') return { errors: { [outcome.field]: t(`errors.${outcome.message}`, { min: MIN_PASSWORD_LENGTH }) } };
  await signOut({ redirectTo: '/sign-in?passwordChanged=1' });
  return { errors: {} };
}
