'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { cancelOrderAction, sendOrderLinkAction, type CancelState, type SendState } from '@/lib/orders/actions';

/**
 * ENVOYER AU CLIENT: one button that e-mails the order's link to the
 * customer's administrators; what happened is said beside it (with and
 * without JavaScript: the action's state comes back with the page).
 */
export function SendLinkForm({ number, customer }: { number: string; customer: string }) {
  const t = useTranslations('orders.send');
  const [state, action, pending] = useActionState<SendState, FormData>(sendOrderLinkAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" data-testid="send-link-form">
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="customer" value={customer} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? t('sending') : t('submit')}
      </button>
      <p role="status" className={`text-sm ${state.tone === 'error' ? 'text-red-700' : 'text-green-800'}`} data-testid="send-link-status">
        {state.message}
      </p>
    </form>
  );
}

/**
 * ANNULER CETTE COMMANDE: behind a disclosure (a native <details>, so it
 * opens without JavaScript too) that says what cancelling does before the
 * button that does it. A refusal is said beside the button.
 */
export function CancelOrderForm({ number, customer, idempotencyKey, lastDay }: { number: string; customer: string; idempotencyKey: string; lastDay: string }) {
  const t = useTranslations('orders.cancel');
  const [state, action, pending] = useActionState<CancelState, FormData>(cancelOrderAction, {});
  return (
    <details className="max-w-3xl rounded border border-slate-200 bg-white p-3" open={state.error ? true : undefined} data-testid="cancel-order">
      <summary className="cursor-pointer text-sm font-medium text-red-800">{t('summary')}</summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="key" value={idempotencyKey} />
        <input type="hidden" name="number" value={number} />
        <input type="hidden" name="customer" value={customer} />
        <p className="max-w-2xl text-sm text-slate-700">{t('explain', { date: lastDay })}</p>
        <button type="submit" disabled={pending} className="rounded border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-70">
          {pending ? t('cancelling') : t('confirm', { number })}
        </button>
        {state.error && (
          <p role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        )}
      </form>
    </details>
  );
}
