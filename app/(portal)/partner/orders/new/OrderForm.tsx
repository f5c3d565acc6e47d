'use client';

import { useActionState, useEffect, useState, type FocusEvent, type MouseEvent } from 'react';
import { useTranslations } from 'next-intl';
import { AccountField } from '@/components/AccountField';
import { TextField } from '@/components/TextField';
import type { AccountChoice } from '@/lib/online-services/queries';
import { lineChoicesAction, recordOrderAction } from '@/lib/orders/actions';
import { emptyRow, MAX_ORDER_ITEMS, type LineChoices, type OrderFormState, type OrderRow } from '@/lib/orders/form';
import type { ProductToOrder } from '@/lib/partner/queries';

const PRODUCTS_LIST = 'products-to-order';

/**
 * ENREGISTRER UNE COMMANDE: a plain form posting to a server action, which
 * works before and without JavaScript — then "Add an item" and "Remove" are
 * buttons of the form, answered by the server with one row more or fewer,
 * everything typed kept. With JavaScript they act in place. Messages come
 * back beside each field; the key in the address makes a repeated post
 * record the order once.
 */
export function OrderForm({
  idempotencyKey,
  customer,
  accounts,
  initial,
  suggestions,
  maxQuantity,
  maxTerm,
  currencies,
}: {
  idempotencyKey: string;
  customer: string;
  /** The accounts the partner serves for this customer, or null when too many to list (the number is typed). */
  accounts: AccountChoice[] | null;
  initial: OrderFormState;
  suggestions: ProductToOrder[];
  maxQuantity: string;
  maxTerm: number;
  /** The currencies to choose from, with their names in the reader's language. */
  currencies: { code: string; name: string }[];
}) {
  const t = useTranslations('orders.record');
  const [state, action, pending] = useActionState<OrderFormState, FormData>(recordOrderAction, initial);
  const [rows, setRows] = useState<OrderRow[]>(state.values.rows);
  const [answered, setAnswered] = useState(state);
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, LineChoices>>(state.choices ?? {});
  // The server's answer (a correction to make, or a row added without JavaScript) replaces the rows and their choices.
  if (answered !== state) {
    setAnswered(state);
    setRows(state.values.rows);
    setChoices(state.choices ?? {});
  }
  useEffect(() => {
    if (focusRow) document.getElementById(`${focusRow}.product`)?.focus();
  }, [focusRow]);

  const add = (event: MouseEvent) => {
    event.preventDefault();
    if (rows.length >= MAX_ORDER_ITEMS) return;
    const id = String(Math.max(0, ...rows.map((row) => Number(row.id))) + 1);
    setRows([...rows, emptyRow(id)]);
    setFocusRow(id);
  };
  // A product typed: the values it already has in the customer's inventory, asked of the server in place.
  const askChoices = async (id: string, product: string) => {
    const body = new FormData();
    body.set('customer', customer);
    body.set('product', product);
    const found = product.trim() ? await lineChoicesAction(body) : null;
    setChoices((current) => {
      const next = { ...current };
      if (found) next[id] = found;
      else delete next[id];
      return next;
    });
  };
  const productLeft = (event: FocusEvent<HTMLOListElement>) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement)) return;
    const match = /^(\d{1,4})\.product$/.exec(field.name);
    if (match) void askChoices(match[1]!, field.value);
  };
  const showChoices = (id: string) => (event: MouseEvent) => {
    event.preventDefault();
    const field = document.getElementById(`${id}.product`) as HTMLInputElement | null;
    void askChoices(id, field?.value ?? '');
  };
  const remove = (id: string) => (event: MouseEvent) => {
    event.preventDefault();
    setRows(rows.filter((row) => row.id !== id));
  };
  const { values, errors } = state;

  return (
    <form action={action} noValidate className="mt-4 max-w-4xl space-y-5 rounded border border-slate-200 bg-white p-4" data-testid="order-form">
      {/* Enter in a field records the order: the first submit button of a form is the one Enter presses. */}
      <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
        {t('submit')}
      </button>
      <input type="hidden" name="key" value={idempotencyKey} />
      <input type="hidden" name="customer" value={customer} />
      {errors.form && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="order-errors">
          {errors.form}
        </p>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <AccountField
          accounts={accounts}
          value={values.account}
          error={errors.account}
          className="w-full"
          labels={{ label: t('account'), choose: t('chooseAccount'), option: (account) => t('accountOption', { number: account.number, name: account.name }), numberHint: t('accountNumberHint') }}
        />
        <TextField name="po" label={t('po')} hint={t('poHint')} defaultValue={values.po} error={errors.po} />
        <div>
          <label htmlFor="currency" className="block text-sm font-medium">
            {t('currency')}
          </label>
          <p id="currency-hint" className="text-xs text-slate-600">
            {t('currencyHint')}
          </p>
          {/* Keyed by its value: a drop-down's default is set only when it is created (see AccountField). */}
          <select
            key={values.currency}
            id="currency"
            name="currency"
            defaultValue={values.currency}
            aria-invalid={errors.currency ? true : undefined}
            aria-describedby={errors.currency ? 'currency-hint currency-error' : 'currency-hint'}
            className="mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-2 text-sm"
          >
            {currencies.map((currency) => (
              <option key={currency.code} value={currency.code}>
                {t('currencyOption', { code: currency.code, name: currency.name })}
              </option>
            ))}
          </select>
          {errors.currency && (
            <p id="currency-error" className="mt-1 text-sm text-red-700">
              {errors.currency}
            </p>
          )}
        </div>
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <Party prefix="billTo" legend={t('billTo')} values={values} errors={errors} />
        <Party prefix="shipTo" legend={t('shipTo')} values={values} errors={errors} />
      </div>

      <fieldset aria-describedby={errors.items ? 'items-error' : undefined}>
        <legend className="text-base font-semibold">{t('items')}</legend>
        {errors.items && (
          <p id="items-error" className="mt-1 text-sm text-red-700">
            {errors.items}
          </p>
        )}
        {suggestions.length > 0 && (
          <datalist id={PRODUCTS_LIST} aria-label={t('suggested')}>
            {suggestions.map((product) => (
              <option key={product.code} value={product.code} label={product.name} />
            ))}
          </datalist>
        )}
        <ol className="mt-2 space-y-3" onBlur={productLeft}>
          {rows.map((row, index) => (
            <ItemRow
              key={row.id}
              row={row}
              position={index + 1}
              errors={errors}
              list={suggestions.length ? PRODUCTS_LIST : undefined}
              choices={choices[row.id]}
              maxQuantity={maxQuantity}
              maxTerm={maxTerm}
              removable={rows.length > 1}
              onRemove={remove(row.id)}
              onShowChoices={showChoices(row.id)}
            />
          ))}
        </ol>
        <button
          type="submit"
          name="intent"
          value="add"
          onClick={add}
          disabled={rows.length >= MAX_ORDER_ITEMS}
          className="mt-3 rounded border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
        >
          + {t('addItem')}
        </button>
      </fieldset>

      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}

/** One item: product, quantity, term, and what only a licence has. */
function ItemRow({
  row,
  position,
  errors,
  list,
  maxQuantity,
  maxTerm,
  removable,
  onRemove,
  choices,
  onShowChoices,
}: {
  row: OrderRow;
  position: number;
  /** The form's messages, by field name (`<row id>.<field>` for this row's). */
  errors: OrderFormState['errors'];
  list?: string;
  maxQuantity: string;
  maxTerm: number;
  /** Whether the row can go (an order keeps at least one). */
  removable: boolean;
  onRemove: (event: MouseEvent) => void;
  /** The values the row's product already has, when it is a licence of the catalogue. */
  choices?: LineChoices;
  onShowChoices: (event: MouseEvent) => void;
}) {
  const t = useTranslations('orders.record');
  const name = (field: string) => `${row.id}.${field}`;
  const error = (field: string) => errors[name(field)];
  // Edition, version, resource usage: typed, or picked from the values the product already has (a datalist, shown in the hint too).
  const pick = (field: keyof LineChoices) => {
    const values = choices?.[field] ?? [];
    return values.length
      ? { list: `${row.id}-${field}-choices`, hint: t('choicesHint', { values: values.join(' ; ') }), values }
      : { list: undefined, hint: t('licencesOnlyHint'), values };
  };
  const edition = pick('edition');
  const version = pick('version');
  const usage = pick('usage');
  return (
    <li className="rounded border border-slate-200 p-3" data-testid="order-item-row">
      <fieldset>
        <legend className="text-sm font-semibold">{t('item', { position })}</legend>
        <input type="hidden" name="row" value={row.id} />
        <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <div className="col-span-2">
            <TextField name={name('product')} label={t('product')} hint={t('productHint')} defaultValue={row.product} error={error('product')} list={list} />
          </div>
          <TextField name={name('quantity')} label={t('quantity')} hint={t('quantityHint', { max: maxQuantity })} inputMode="numeric" defaultValue={row.quantity} error={error('quantity')} />
          <TextField name={name('price')} label={t('price')} hint={t('priceHint')} inputMode="text" defaultValue={row.price} error={error('price')} optional />
          <TextField name={name('term')} label={t('term')} hint={t('termHint', { max: maxTerm })} inputMode="numeric" defaultValue={row.term} error={error('term')} />
          <TextField name={name('edition')} label={t('edition')} hint={edition.hint} defaultValue={row.edition} error={error('edition')} list={edition.list} optional />
          <TextField name={name('version')} label={t('version')} hint={version.hint} defaultValue={row.version} error={error('version')} list={version.list} optional />
          <TextField name={name('usage')} label={t('usage')} hint={usage.hint} defaultValue={row.usage} error={error('usage')} list={usage.list} optional />
          <div className="col-span-2 self-end pb-2 sm:col-span-4">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={name('sa')} value="yes" defaultChecked={row.sa} aria-describedby={error('sa') ? `${name('sa')}-error` : `${name('sa')}-hint`} />
              {t('sa')}
            </label>
            <p id={`${name('sa')}-hint`} className="text-xs text-slate-600">
              {t('saHint')}
            </p>
            {error('sa') && (
              <p id={`${name('sa')}-error`} className="mt-1 text-sm text-red-700">
                {error('sa')}
              </p>
            )}
          </div>
        </div>
        {[edition, version, usage].map(
          (field) =>
            field.list && (
              <datalist key={field.list} id={field.list}>
                {field.values.map((value) => (
                  <option key={value} value={value} />
                ))}
              </datalist>
            ),
        )}
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
          {!choices && (
            <button type="submit" name="intent" value={`choices:${row.id}`} onClick={onShowChoices} className="min-h-6 text-sm link">
              {t('showChoices', { position })}
            </button>
          )}
          {removable && (
            <button type="submit" name="intent" value={`remove:${row.id}`} onClick={onRemove} className="min-h-6 text-sm link">
              {t('removeItem', { position })}
            </button>
          )}
        </div>
      </fieldset>
    </li>
  );
}

/** Facturer à or Livrer à: a name and a postal address, both optional, as they should read on the order. */
function Party({ prefix, legend, values, errors }: { prefix: 'billTo' | 'shipTo'; legend: string; values: OrderFormState['values']; errors: OrderFormState['errors'] }) {
  const t = useTranslations('orders.record');
  const address = `${prefix}Address`;
  const describedBy = [`${address}-hint`, errors[address] ? `${address}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset className="space-y-2">
      <legend className="text-base font-semibold">{legend}</legend>
      <TextField name={`${prefix}Name`} label={t('partyName')} hint={t('partyNameHint')} autoComplete="organization" defaultValue={values[`${prefix}Name`]} error={errors[`${prefix}Name`]} optional />
      <div>
        <label htmlFor={address} className="block text-sm font-medium">
          {t('partyAddress')}
        </label>
        <p id={`${address}-hint`} className="text-xs text-slate-600">
          {t('partyAddressHint')}
        </p>
        <textarea
          id={address}
          name={address}
          rows={3}
          autoComplete="street-address"
          defaultValue={values[address as 'billToAddress' | 'shipToAddress']}
          aria-invalid={errors[address] ? true : undefined}
          aria-describedby={describedBy}
          className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
        />
        {errors[address] && (
          <p id={`${address}-error`} className="mt-1 text-sm text-red-700">
            {errors[address]}
          </p>
        )}
      </div>
    </fieldset>
  );
}
