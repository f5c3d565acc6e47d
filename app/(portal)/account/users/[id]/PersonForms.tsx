'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { AccountChoice } from '@/lib/online-services/queries';
import { changeAccessAction, setPersonActiveAction, type PersonFormState } from '@/lib/people/users-actions';
import { AccessFields } from '../AccessFields';
import { accessLabels } from '../new/InviteForm';

const EMPTY: PersonFormState = { values: { email: '', name: '', locale: '', role: '', accounts: '' }, errors: {} };

/** A person's role and accounts, and their deactivation or reactivation: plain forms that work without JavaScript. */
export function PersonForms({ userId, role, chosen, active, accounts }: { userId: number; role: string; chosen: string[]; active: boolean; accounts: AccountChoice[] | null }) {
  const t = useTranslations('people');
  const [access, changeAccess, changing] = useActionState<PersonFormState, FormData>(changeAccessAction, { ...EMPTY, values: { ...EMPTY.values, role, accounts: chosen.join(' ') } });
  const [activity, setActive, setting] = useActionState<PersonFormState, FormData>(setPersonActiveAction, EMPTY);
  return (
    <>
      <form action={changeAccess} noValidate className="mt-4 max-w-2xl space-y-5 rounded border border-slate-200 bg-white p-4" data-testid="access-form">
        <input type="hidden" name="user" value={userId} />
        <AccessFields labels={accessLabels(t)} accounts={accounts} role={access.values.role} chosen={access.values.accounts.split(' ').filter(Boolean)} errors={access.errors} />
        <button type="submit" disabled={changing} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
          {t('edit.save')}
        </button>
      </form>
      <form action={setActive} className="mt-6 max-w-2xl" data-testid="active-form">
        <input type="hidden" name="user" value={userId} />
        <input type="hidden" name="active" value={active ? '0' : '1'} />
        {activity.errors.active && (
          <p role="alert" className="mb-2 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {activity.errors.active}
          </p>
        )}
        <button type="submit" disabled={setting} className={`rounded border px-4 py-2 font-medium ${active ? 'border-red-700 text-red-800 hover:bg-red-50' : 'border-brand-700 text-brand-700 hover:bg-blue-50'}`}>
          {active ? t('edit.deactivate') : t('edit.reactivate')}
        </button>
      </form>
    </>
  );
}
