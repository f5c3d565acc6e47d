'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { NewPasswordFields } from '@/components/NewPasswordFields';
import { TextField } from '@/components/TextField';
import { changePasswordAction, type PasswordChangeState } from '@/lib/auth/actions';

/** The password change form: a plain form posting to a server action; the messages come back beside their fields. */
export function PasswordForm({ minLength }: { minLength: number }) {
  const t = useTranslations('auth.password');
  const [state, action, pending] = useActionState<PasswordChangeState, FormData>(changePasswordAction, { values: {}, errors: {} });
  return (
    <form action={action} noValidate className="mt-4 max-w-md space-y-4 rounded border border-slate-200 bg-white p-4" data-testid="password-form">
      <TextField name="current" type="password" label={t('current')} autoComplete="current-password" error={state.errors.current} />
      <NewPasswordFields labels={{ next: t('next'), hint: t('nextHint', { min: minLength }), confirmation: t('confirmation') }} errors={state.errors} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {t('submit')}
      </button>
    </form>
  );
}
