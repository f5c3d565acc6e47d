'use server';
/**
 * The forms of the forgotten-password flow, open without a session: asking
 * for a link (the same answer whether or not the e-mail is known, limited per
 * address like sign-in), and choosing the new password through it.
 */
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { database } from '@/db/client';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-strength';
import { takeLinkAllowance, takeResetAllowance } from '@/lib/auth/throttle';
import { env } from '@/lib/env';
import { formAction, publicForm, typed, type FormState } from '@/lib/forms/action';
import { clientAddress } from '@/lib/http/request-headers';
import { requestPasswordReset, setPasswordWithLink, SIGN_IN_EMAIL_COOKIE } from './reset';

export type ResetRequestState = FormState<{ email: string }> & { sent?: boolean };

const requestForm = z.object({ email: z.string().trim().min(1, 'emailRequired').max(320, 'emailRequired').pipe(z.email({ message: 'emailRequired' })) });

const requestReset = formAction({
  viewer: publicForm,
  values: (formData) => ({ email: typed(formData, 'email', 320) }),
  schema: requestForm,
  messages: { namespace: 'auth.reset', keys: ['emailRequired'], fallback: () => 'emailRequired' },
  handle: async ({ data, values, t }): Promise<ResetRequestState> => {
    const address = clientAddress(await headers());
    const config = env();
    const db = database();
    const allowance = await takeResetAllowance(db, address, data.email, { perAddress: config.PASSWORD_RESET_LIMIT_PER_ADDRESS, perEmail: config.PASSWORD_RESET_LIMIT_PER_EMAIL });
    if (!allowance.allowed) return { values, errors: { email: t('tooMany') } };
    // Recorded, never handled here: a known and an unknown address cost the request the same (the outbox worker
    // turns the request into a link and its e-mail, or into nothing).
    await requestPasswordReset(db, data.email, { now: Date.now(), address });
    return { values: { email: '' }, errors: {}, sent: true };
  },
});

export async function requestResetAction(previous: ResetRequestState, formData: FormData): Promise<ResetRequestState> {
  return requestReset(previous, formData);
}

/** Nothing typed is sent back: password fields come back empty. */
export type SetPasswordState = FormState<Record<string, never>>;

const setForm = z.object({ token: z.string().max(100), purpose: z.enum(['password_reset', 'invitation']), next: z.string().max(4096), confirmation: z.string().max(4096) });

const setPassword = formAction({
  viewer: publicForm,
  values: () => ({}),
  input: (_values, formData) => ({ token: formData.get('token') ?? '', purpose: formData.get('purpose') ?? '', next: formData.get('next') ?? '', confirmation: formData.get('confirmation') ?? '' }),
  schema: setForm,
  messages: { namespace: 'auth', keys: [], fallback: () => 'reset.unknown' },
  invalid: (values, _errors, t): SetPasswordState => ({ values, errors: { link: t('reset.unknown') } }),
  handle: async ({ data, values, t }): Promise<SetPasswordState> => {
    const db = database();
    const address = clientAddress(await headers());
    // The links' own limit per address: no address may try link after link.
    if (!(await takeLinkAllowance(db, address, env().LINK_LIMIT_PER_ADDRESS)).allowed) return { values, errors: { link: t('reset.tooMany') } };
    const outcome = await setPasswordWithLink(db, data.token, data.purpose, data, { now: Date.now(), address });
    if (outcome.kind === 'link') return { values, errors: { link: t(`reset.${outcome.state}`) } };
    if (outcome.kind === 'invalid') return { values, errors: { [outcome.field]: t(`password.errors.${outcome.message}`, { min: MIN_PASSWORD_LENGTH }) } };
    // The sign-in page says the password is chosen and fills in the address (lib/people/reset.ts).
    (await cookies()).set(SIGN_IN_EMAIL_COOKIE, outcome.email, { path: '/sign-in', sameSite: 'lax', httpOnly: true, secure: env().APP_URL?.startsWith('https:') ?? false, maxAge: 15 * 60 });
    redirect(data.purpose === 'invitation' ? '/sign-in?invitationAccepted=1' : '/sign-in?passwordReset=1');
  },
});

export async function setPasswordAction(previous: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  return setPassword(previous, formData);
}
