'use server';
/**
 * The forms of the forgotten-password flow, open without a session: asking
 * for a link (the same answer whether or not the e-mail is known, limited per
 * address like sign-in), and choosing the new password through it.
 */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-strength';
import { takeLinkAllowance, takeResetAllowance } from '@/lib/auth/throttle';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/request-headers';
import { requestPasswordReset, setPasswordWithLink } from './reset';

export interface ResetRequestState {
  email: string;
  sent?: boolean;
  error?: string;
}

const requestForm = z.object({ email: z.string().trim().min(1).max(320).pipe(z.email()) });

export async function requestResetAction(_previous: ResetRequestState, formData: FormData): Promise<ResetRequestState> {
  const t = await getTranslations('auth.reset');
  const typed = String(formData.get('email') ?? '').slice(0, 320);
  const parsed = requestForm.safeParse({ email: typed });
  if (!parsed.success) return { email: typed, error: t('emailRequired') };
  const requestHeaders = await headers();
  const address = clientAddress(requestHeaders);
  const config = env();
  const db = getDb();
  const allowance = await takeResetAllowance(db, address, parsed.data.email, { perAddress: config.PASSWORD_RESET_LIMIT_PER_ADDRESS, perEmail: config.PASSWORD_RESET_LIMIT_PER_EMAIL });
  if (!allowance.allowed) return { email: typed, error: t('tooMany') };
  // Recorded, never handled here: a known and an unknown address cost the request the same (the outbox worker
  // turns the request into a link and its e-mail, or into nothing).
  requestPasswordReset(db, parsed.data.email, { now: Date.now(), address });
  return { email: '', sent: true };
}

export interface SetPasswordState {
  errors: { next?: string; confirmation?: string; link?: string };
}

const setForm = z.object({ token: z.string().max(100), purpose: z.enum(['password_reset', 'invitation']), next: z.string().max(4096), confirmation: z.string().max(4096) });

export async function setPasswordAction(_previous: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  const t = await getTranslations('auth');
  const parsed = setForm.safeParse({ token: formData.get('token') ?? '', purpose: formData.get('purpose') ?? '', next: formData.get('next') ?? '', confirmation: formData.get('confirmation') ?? '' });
  if (!parsed.success) return { errors: { link: t('reset.unknown') } };
  const db = getDb();
  const address = clientAddress(await headers());
  // The links' own limit per address: no address may try link after link.
  if (!(await takeLinkAllowance(db, address, env().LINK_LIMIT_PER_ADDRESS)).allowed) return { errors: { link: t('reset.tooMany') } };
  const outcome = await setPasswordWithLink(db, parsed.data.token, parsed.data.purpose, parsed.data, { now: Date.now(), address });
  if (outcome.kind === 'link') return { errors: { link: t(`reset.${outcome.state}`) } };
  if (outcome.kind === 'invalid') return { errors: { [outcome.field]: t(`password.errors.${outcome.message}`, { min: MIN_PASSWORD_LENGTH }) } };
  redirect('/sign-in?passwordReset=1');
}
