'use server';
/**
 * Sign-in and sign-out as server actions, so the forms work without JavaScript.
 */
import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { database } from '@/db/client';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/request-headers';
import { formAction, plainFormAction, publicForm, typed, type FormState, signedIn } from '@/lib/forms/action';
import { formatTime } from '@/lib/i18n/format';
import { changePassword, signOutEverywhere } from './account';
import { auth, signIn, signOut } from './config';
import { MIN_PASSWORD_LENGTH } from './password-strength';
import { lockedUntil } from './lockout';
import { safeCallbackPath } from './redirect';
import { sessionsCheckedThisRequest } from './checked-sessions';
import { endSession } from './sessions';
import { signInRefusal } from './sign-in';
import type { Locale } from '@/db/schema';

/** What the sign-in form shows again: the e-mail typed (never the password), the messages beside the fields and above the form (`form`). */
export type SignInState = FormState<{ email: string }>;

/** The messages are catalogue keys of auth.signIn. */
const signInForm = z.object({
  email: z.string().trim().min(1, 'emailRequired').max(320, 'emailTooLong').pipe(z.email({ message: 'emailInvalid' })),
  password: z.string().min(1, 'passwordRequired').max(1024, 'passwordTooLong'),
  callbackUrl: z.string().optional(),
});

const signInStep = formAction({
  viewer: publicForm,
  // What was typed comes back in the field; an absurd length is not worth echoing.
  values: (formData) => ({ email: typed(formData, 'email', 400) }),
  input: (_values, formData) => ({ email: String(formData.get('email') ?? ''), password: String(formData.get('password') ?? ''), callbackUrl: formData.get('callbackUrl')?.toString() }),
  schema: signInForm,
  messages: {
    namespace: 'auth.signIn',
    keys: ['emailRequired', 'emailTooLong', 'emailInvalid', 'passwordRequired', 'passwordTooLong'],
    fallback: (field) => (field === 'email' ? 'emailInvalid' : 'passwordRequired'),
  },
  fieldOf: (path) => (path[0] === 'email' || path[0] === 'password' ? path[0] : null),
  handle: async ({ data, t }): Promise<SignInState> => {
    const { email, password } = data;
    const refused = (message: string): SignInState => ({ values: { email }, errors: { form: message } });
    try {
      await signIn('credentials', { email, password, redirectTo: safeCallbackPath(data.callbackUrl) });
    } catch (error) {
      switch (signInRefusal(error)) {
        case 'locked': {
          let until = Date.now();
          try {
            until = (await lockedUntil(database(), email.toLowerCase(), clientAddress(await headers()), Date.now())) ?? until;
          } catch {
            // The time to retry is a courtesy; the refusal stands without it.
          }
          const locale = (await getLocale()) as Locale;
          return refused(t('lockedOut', { time: formatTime(locale, until, env().APP_TIME_ZONE) }));
        }
        case 'throttled':
          return refused(t('tooManyAttempts'));
        case 'unavailable':
          return refused(t('unavailable'));
        case 'invalid':
          return refused(t('invalid'));
        default:
          if (error instanceof AuthError) return refused(t('invalid'));
          throw error; // Next's redirect after a successful sign-in
      }
    }
    return { values: { email }, errors: {} };
  },
});

export async function signInAction(previous: SignInState, formData: FormData): Promise<SignInState> {
  return signInStep(previous, formData);
}

const nothing = z.object({});

const signOutStep = plainFormAction({
  viewer: publicForm,
  values: () => ({}),
  schema: nothing,
  handle: async () => {
    // End the session on the server first: a copy of the cookie must open nothing afterwards.
    const session = await auth();
    if (session?.sessionId) {
      await endSession(database(), session.sessionId, 'signed_out', Date.now());
      // Whatever this request renders after the action must not take the session as standing.
      sessionsCheckedThisRequest().delete(session.sessionId);
    }
    await signOut({ redirectTo: '/sign-in?signedOut=1' });
  },
});

export async function signOutAction(formData: FormData): Promise<void> {
  return signOutStep(formData);
}

const signOutEverywhereStep = plainFormAction({
  viewer: signedIn,
  values: () => ({}),
  schema: nothing,
  handle: async ({ viewer }) => {
    await signOutEverywhere(database(), viewer.userId, { address: clientAddress(await headers()), now: Date.now() });
    await signOut({ redirectTo: '/sign-in?signedOut=everywhere' });
  },
});

/** "Se déconnecter de partout": ends every session of the person, this one included, then back to the sign-in page. */
export async function signOutEverywhereAction(formData: FormData): Promise<void> {
  return signOutEverywhereStep(formData);
}

/** Nothing typed is ever sent back: password fields come back empty. */
export type PasswordChangeState = FormState<Record<string, never>>;

const passwordChangeForm = z.object({ current: z.string().max(1024, 'tooLong'), next: z.string().max(4096, 'tooLong'), confirmation: z.string().max(4096, 'tooLong') });

const changePasswordStep = formAction({
  viewer: signedIn,
  values: () => ({}),
  input: (_values, formData) => ({ current: formData.get('current') ?? '', next: formData.get('next') ?? '', confirmation: formData.get('confirmation') ?? '' }),
  schema: passwordChangeForm,
  messages: { namespace: 'auth.password', keys: [], fallback: () => 'errors.tooLong' },
  // A password too long to be one is said beside the new password, whichever field held it.
  fieldOf: () => 'next',
  handle: async ({ viewer, data, values, t }): Promise<PasswordChangeState> => {
    const outcome = await changePassword(database(), viewer.userId, data, { address: clientAddress(await headers()), now: Date.now() });
    if (outcome.kind === 'invalid') return { values, errors: { [outcome.field]: t(`errors.${outcome.message}`, { min: MIN_PASSWORD_LENGTH }) } };
    await signOut({ redirectTo: '/sign-in?passwordChanged=1' });
    return { values, errors: {} };
  },
});

/** Changer le mot de passe: the current one, the new one twice; every session ends, and the person signs in again with it. */
export async function changePasswordAction(previous: PasswordChangeState, formData: FormData): Promise<PasswordChangeState> {
  return changePasswordStep(previous, formData);
}
