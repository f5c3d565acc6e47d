'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/TextField';
import { signInAction, type SignInState } from '@/lib/auth/actions';

/** The sign-in form; `email` fills in the address (after a password was chosen through a link). */
export function SignInForm({ callbackUrl, email = '' }: { callbackUrl: string; email?: string }) {
  const t = useTranslations('auth.signIn');
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { values: { email }, errors: {} });

  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.errors.form && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.errors.form}
        </p>
      )}
      <TextField name="email" type="email" label={t('email')} autoComplete="username" defaultValue={state.values.email} error={state.errors.email} />
      <TextField name="password" type="password" label={t('password')} autoComplete="current-password" error={state.errors.password} />
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
