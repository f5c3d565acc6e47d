'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { AccountField } from '@/components/AccountField';
import { TextField } from '@/components/TextField';
import { setUpOnlineServiceAction, type SetUpState } from '@/lib/online-services/actions';
import type { AccountChoice, ServiceChoice } from '@/lib/online-services/queries';

/**
 * The set-up form: a plain form posting to a server action (works before and
 * without JavaScript); what was typed and the message beside each field come
 * back in the action's state. The key makes a repeated post write once.
 */
export function SetupForm({
  idempotencyKey,
  services,
  accounts,
  initial,
  maxQuantity,
}: {
  idempotencyKey: string;
  services: ServiceChoice[];
  /** The viewer's accounts, or null when too many to list (the number is typed). */
  accounts: AccountChoice[] | null;
  initial: { product: string; account: string };
  maxQuantity: string;
}) {
  const t = useTranslations('onlineServices.setup');
  const [state, action, pending] = useActionState<SetUpState, FormData>(setUpOnlineServiceAction, {
    values: { ...initial, quantity: '' },
    errors: {},
  });
  const { values, errors } = state;
  return (
    <form action={action} noValidate className="mt-4 max-w-3xl space-y-5 rounded border border-slate-200 bg-white p-4" data-testid="setup-form">
      <input type="hidden" name="key" value={idempotencyKey} />
      <fieldset aria-describedby={errors.product ? 'product-error' : undefined}>
        <legend className="text-sm font-medium">{t('service')}</legend>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {services.map((service) => (
            <li key={service.code}>
              <label className="flex items-start gap-2 rounded border border-slate-200 px-2 py-1.5 text-sm hover:bg-slate-50">
                <input type="radio" name="product" value={service.code} defaultChecked={values.product === service.code} className="mt-1" required />
                <span>
                  <span className="font-medium">{service.name}</span>
                  <span className="block text-xs text-slate-600">{service.familyName}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {errors.product && (
          <p id="product-error" className="mt-1 text-sm text-red-700">
            {errors.product}
          </p>
        )}
      </fieldset>

      <AccountField
        accounts={accounts}
        value={values.account}
        error={errors.account}
        labels={{ label: t('account'), choose: t('chooseAccount'), option: (account) => t('accountOption', { number: account.number, name: account.name }), numberHint: t('accountNumberHint') }}
      />

      <TextField name="quantity" label={t('quantity')} hint={t('quantityHint', { max: maxQuantity })} inputMode="numeric" defaultValue={values.quantity} error={errors.quantity} className="w-32" />

      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
