'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/TextField';
import type { AccountChoice } from '@/lib/online-services/queries';
import { invitePersonAction, type PersonFormState } from '@/lib/people/users-actions';
import { AccessFields } from '../AccessFields';

/** Invite a person: e-mail, name, language, role and accounts; a plain form that works without JavaScript. */
export function InviteForm({ accounts }: { accounts: AccountChoice[] | null }) {
  const t = useTranslations('people');
  const [state, action, pending] = useActionState<PersonFormState, FormData>(invitePersonAction, {
    values: { email: '', name: '', locale: 'fr', role: 'account_viewer', accounts: '' },
    errors: {},
  });
  const { values, errors } = state;
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-5 rounded border border-slate-200 bg-white p-4" data-testid="invite-form">
      <TextField name="email" type="email" label={t('fields.email')} autoComplete="off" defaultValue={values.email} error={errors.email} />
      <TextField name="name" label={t('fields.name')} autoComplete="off" defaultValue={values.name} error={errors.name} />
      <div>
        <label htmlFor="locale" className="block text-sm font-medium">
          {t('fields.locale')}
        </label>
        {/* Keyed by its value, so that the form's reset after the action shows the language chosen (see AccountField). */}
        <select key={values.locale} id="locale" name="locale" defaultValue={values.locale} className="mt-1 rounded border border-slate-400 bg-white px-2 py-2 text-sm">
          <option value="fr">{t('locales.fr')}</option>
          <option value="en">{t('locales.en')}</option>
        </select>
      </div>
      <AccessFields labels={accessLabels(t)} accounts={accounts} role={values.role} chosen={values.accounts.split(' ').filter(Boolean)} errors={errors} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {t('invite.submit')}
      </button>
    </form>
  );
}

/** The labels of the role and accounts fields, from the people catalogue. */
export function accessLabels(t: (key: string) => string) {
  return {
    role: t('fields.role'),
    admin: t('roles.customer_admin'),
    adminHint: t('roles.adminHint'),
    viewer: t('roles.account_viewer'),
    viewerHint: t('roles.viewerHint'),
    accounts: t('fields.accounts'),
    accountsTyped: t('fields.accountsTyped'),
  };
}
