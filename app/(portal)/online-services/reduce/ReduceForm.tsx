'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/TextField';
import { reduceSelfProvisioningAction, type ReduceState } from '@/lib/online-services/actions';

/**
 * Reduce what was self-provisioned to a new available quantity, or switch it
 * off (back to what the partner ordered): one plain form, two submit buttons.
 * Switching off takes a second step: the first press answers with the
 * question and a button that confirms it (a post of its own, so it works
 * without JavaScript too), or a way back to the form.
 */
export function ReduceForm({ idempotencyKey, lineId, ordered, available, unpaid, formHref }: { idempotencyKey: string; lineId: number; ordered: string; available: string; unpaid: string; formHref: string }) {
  const t = useTranslations('onlineServices.reduce');
  const [state, action, pending] = useActionState<ReduceState, FormData>(reduceSelfProvisioningAction, { values: { available: '', intent: '' }, errors: {} });
  const confirming = state.values.intent === 'confirm-switch-off';
  return (
    <form action={action} noValidate className="mt-4 max-w-3xl space-y-4 rounded border border-slate-200 bg-white p-4" data-testid="reduce-form">
      <input type="hidden" name="key" value={idempotencyKey} />
      <input type="hidden" name="line" value={lineId} />
      {confirming ? (
        <div role="alert" className="space-y-3" data-testid="switch-off-confirmation">
          <p className="font-medium">{t('confirmSwitchOff', { unpaid, ordered })}</p>
          <input type="hidden" name="confirmed" value="1" />
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" name="intent" value="switch-off" disabled={pending} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-70">
              {t('confirmSwitchOffYes')}
            </button>
            <Link href={formHref} className="link">
              {t('confirmSwitchOffNo')}
            </Link>
          </div>
        </div>
      ) : (
        <>
          <TextField
            name="available"
            label={t('newAvailable')}
            hint={t('newAvailableHint', { ordered, available })}
            inputMode="numeric"
            defaultValue={state.values.available}
            error={state.errors.available}
            className="w-32"
          />
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="reduce" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
              {t('submit')}
            </button>
            <button type="submit" name="intent" value="switch-off" disabled={pending} className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-70">
              {t('switchOff')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
