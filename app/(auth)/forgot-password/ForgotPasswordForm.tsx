'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/TextField';
import { requestResetAction, type ResetRequestState } from '@/lib/people/actions';

/** Asks for a reset link: one field, the same answer whether or not the address is known. */
export function ForgotPasswordForm() {
  const t = useTranslations('auth.reset');
  const [state, action, pending] = useActionState<ResetRequestState, FormData>(requestResetAction, { values: { email: '' }, errors: {} });
  return (
    <form action={action} noValidate className="mt-6 space-y-4">
      {state.sent && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm" data-testid="reset-sent">
          {t('sent')}
        </p>
      )}
      <TextField name="email" type="email" label={t('email')} autoComplete="username" defaultValue={state.values.email} error={state.errors.email} />
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {t('send')}
      </button>
    </form>
  );
}
