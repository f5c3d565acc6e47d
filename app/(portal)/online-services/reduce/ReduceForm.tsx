'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/TextField';
import { reduceSelfProvisioningAction, type ReduceState } from '@/lib/online-services/actions';

/**
 * Reduce what was self-provisioned to a new available quantity, or switch it
 * off (back to what the partner ordered): one plain form, two submit buttons.
 */
export function ReduceForm({ idempotencyKey, lineId, ordered, available }: { idempotencyKey: string; lineId: number; ordered: string; available: string }) {
  const t = useTranslations('onlineServices.reduce');
  const [state, action, pending] = useActionState<ReduceState, FormData>(reduceSelfProvisioningAction, { values: { available: '' }, errors: {} });
  return (
    <form action={action} noValidate className="mt-4 max-w-3xl space-y-4 rounded border border-slate-200 bg-white p-4" data-testid="reduce-form">
      <input type="hidden" name="key" value={idempotencyKey} />
      <input type="hidden" name="line" value={lineId} />
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
    </form>
  );
}
