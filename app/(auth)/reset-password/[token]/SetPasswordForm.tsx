'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { NewPasswordFields } from '@/components/NewPasswordFields';
import { setPasswordAction, type SetPasswordState } from '@/lib/people/actions';

/** The new password, twice, through a single-use link (a reset or an invitation). */
export function SetPasswordForm({ token, purpose, minLength }: { token: string; purpose: 'password_reset' | 'invitation'; minLength: number }) {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<SetPasswordState, FormData>(setPasswordAction, { values: {}, errors: {} });
  return (
    <form action={action} noValidate className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="purpose" value={purpose} />
      {state.errors.link && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.errors.link}
        </p>
      )}
      <NewPasswordFields labels={{ next: t('reset.next'), hint: t('password.nextHint', { min: minLength }), confirmation: t('reset.confirmation') }} errors={state.errors} />
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {t('reset.submit')}
      </button>
    </form>
  );
}
