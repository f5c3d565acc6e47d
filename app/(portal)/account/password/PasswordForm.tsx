'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/TextField';
import { changePasswordAction, type PasswordChangeState } from '@/lib/auth/actions';

/** The password change form: a plain form posting to a server action; the messages come back beside their fields. */
export function PasswordForm({ minLength }: { minLength: number }) {
  const t = useTranslations('auth.password');
  const [state, action, pending] = useActionState<PasswordChangeState, FormData>(changePasswordAction, { errors: {} });
  return (
    <form action={action} noValidate className="mt-4 max-w-md space-y-4 rounded border border-slate-200 bg-white p-4" data-testid="password-form">
      <TextField name="current" type="password" label={t('current')} autoComplete="current-password" error={state.errors.current} />
      <TextField name="next" type="password" label={t('next')} hint={t('nextHint', { min: minLength })} autoComplete="new-password" error={state.errors.next} />
      <TextField name="confirmation" type="password" label={t('confirmation')} autoComplete="new-password" error={state.errors.confirmation} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {t('submit')}
      </button>
    </form>
  );
}
