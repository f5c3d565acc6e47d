'use server';
/**
 * The partner's order forms (issue 12): record an order, cancel one, send an
 * order's link to the customer. Each asks for the viewer (a partner user
 * working for the customer named by the form's `customer`), parses with
 * zod, calls one write of ./record.ts or ./send.ts and turns its outcome
 * into a page: the order, a 404 (not the viewer's; nothing written), or the
 * form again with a message beside each field and everything typed kept.
 */
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { Locale } from '@/db/schema';
import { getAccountByNumber } from '@/lib/accounts/queries';
import { requireViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { clientAddress } from '@/lib/http/request-headers';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { requestMailContext } from '@/lib/notices/request-mail';
import { hrefWith } from '@/lib/url';
import { emptyRow, readOrderForm, type ItemField, type OrderFormState } from './form';
import { MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS, MAX_TERM_MONTHS } from './form';
import { cancelFormSchema, cancelOrder, checkItems, mayRecordOrders, orderFormSchema, recordOrder, type FieldMessage } from './record';
import { orderPath } from './paths';
import { sendOrderLink } from './send';

const text = (formData: FormData, name: string, max: number) => String(formData.get(name) ?? '').slice(0, max);

/** The viewer of a form: the partner user working for the form's customer; a 404 for anyone else. */
async function partnerViewer(formData: FormData) {
  const viewer = await requireViewer(text(formData, 'customer', 64) || null);
  if (!mayRecordOrders(viewer)) notFound();
  return viewer;
}

/** The order's page in the partner's view, with what just happened said on it. */
const orderPage = (number: string, customer: string, done?: 'recorded' | 'cancelled') => hrefWith(orderPath(number), { customer, done });

/** ENREGISTRER UNE COMMANDE: adds or removes an item row (without JavaScript), or records the order. */
export async function recordOrderAction(_previous: OrderFormState, formData: FormData): Promise<OrderFormState> {
  const viewer = await partnerViewer(formData);
  const { values, items, intent } = readOrderForm(formData);
  const t = await getTranslations('orders.record.errors');
  const locale = (await getLocale()) as Locale;
  const limits = { max: formatCount(locale, MAX_ITEM_QUANTITY), maxTerm: MAX_TERM_MONTHS };
  const say = ({ message, values: named }: FieldMessage) => t(message, { ...limits, max: message === 'itemsTooMany' ? MAX_ORDER_ITEMS : limits.max, ...named });

  // The form's own buttons without JavaScript: one more row, or one fewer; nothing is checked yet.
  if (intent === 'add') {
    if (values.rows.length >= MAX_ORDER_ITEMS) return { values, errors: { items: say({ message: 'itemsTooMany' }) }, rowErrors: {} };
    const next = Math.max(0, ...values.rows.map((row) => Number(row.id))) + 1;
    return { values: { ...values, rows: [...values.rows, emptyRow(String(next))] }, errors: {}, rowErrors: {} };
  }
  if (intent?.startsWith('remove:')) {
    const rows = values.rows.filter((row) => row.id !== intent.slice('remove:'.length));
    return { values: { ...values, rows: rows.length ? rows : [emptyRow('1')] }, errors: {}, rowErrors: {} };
  }

  // An account outside the partner's reach is not found whatever else the form holds: no field message may tell it apart from an unknown one.
  if (values.account.trim() && !getAccountByNumber(viewer, values.account.trim())) notFound();
  const parsed = orderFormSchema.safeParse({ key: formData.get('key'), account: values.account, po: values.po, items: items.map((item) => item.fields) });
  const state: OrderFormState = { values, errors: {}, rowErrors: {} };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, index, itemField] = issue.path;
      // A missing or forged key is not something a person typed: the form was not ours.
      if (field === 'key') notFound();
      if (field === 'items' && typeof index === 'number' && typeof itemField === 'string') {
        const row = (state.rowErrors[items[index]!.id] ??= {});
        row[itemField as keyof typeof row] ??= say({ message: issue.message });
      } else if (field === 'account' || field === 'po' || field === 'items') state.errors[field] ??= say({ message: issue.message });
    }
    // What the catalogue says of the products typed, in the same answer.
    const catalogue = checkItems(getDb(), items.map((item) => item.fields));
    if ('itemErrors' in catalogue) addItemErrors(state, items, catalogue.itemErrors, say);
    return { ...state, errors: { ...state.errors, summary: t('summary') } };
  }

  const customer = viewer.customer!.number;
  const outcome = recordOrder(getDb(), viewer, parsed.data, {
    today: today(),
    resultPath: ({ number }) => orderPage(number, customer, 'recorded'),
    address: clientAddress(await headers()),
  });
  switch (outcome.kind) {
    case 'recorded':
      redirect(orderPage(outcome.number, customer, 'recorded'));
    case 'repeat':
      redirect(outcome.result);
    case 'not-found':
      // An account outside the partner's reach for this customer: exactly as one that does not exist.
      notFound();
    case 'invalid':
      addItemErrors(state, items, outcome.itemErrors, say);
      for (const [field, message] of Object.entries(outcome.errors)) state.errors[field as 'account' | 'po' | 'items'] = say(message);
      return { ...state, errors: { ...state.errors, summary: t('summary') } };
  }
}

/** Puts the messages of items (by their index among the items) beside their rows, keeping a message already there. */
function addItemErrors(state: OrderFormState, items: { id: string }[], itemErrors: Record<number, Partial<Record<ItemField, FieldMessage>>>, say: (message: FieldMessage) => string) {
  for (const [index, fields] of Object.entries(itemErrors)) {
    const row = (state.rowErrors[items[Number(index)]!.id] ??= {});
    for (const [field, message] of Object.entries(fields) as [ItemField, FieldMessage][]) row[field] ??= say(message);
  }
}

export interface CancelState {
  error?: string;
}

/** Cancels an order the partner recorded, within its 14 days. */
export async function cancelOrderAction(_previous: CancelState, formData: FormData): Promise<CancelState> {
  const viewer = await partnerViewer(formData);
  const parsed = cancelFormSchema.safeParse({ key: formData.get('key'), number: formData.get('number') });
  if (!parsed.success) notFound();
  const customer = viewer.customer!.number;
  const outcome = cancelOrder(getDb(), viewer, parsed.data, {
    today: today(),
    resultPath: ({ number }) => orderPage(number, customer, 'cancelled'),
    address: clientAddress(await headers()),
  });
  switch (outcome.kind) {
    case 'cancelled':
      redirect(orderPage(outcome.number, customer, 'cancelled'));
    case 'repeat':
      redirect(outcome.result);
    case 'not-found':
      notFound();
    case 'refused': {
      const t = await getTranslations('orders.cancel.errors');
      const locale = (await getLocale()) as Locale;
      return { error: t(outcome.message, { date: outcome.values?.date ? formatDate(locale, outcome.values.date) : '' }) };
    }
  }
}

export interface SendState {
  /** What happened, said to the person; `tone` colours it. */
  message?: string;
  tone?: 'success' | 'error';
}

/** ENVOYER AU CLIENT: e-mails the order's link to the customer's administrators. */
export async function sendOrderLinkAction(_previous: SendState, formData: FormData): Promise<SendState> {
  const viewer = await partnerViewer(formData);
  const number = text(formData, 'number', 65);
  if (!number || number.length > 64) notFound();
  const t = await getTranslations('orders.send');
  // Queued in the mail outbox (the outbox worker sends them): nothing here waits for SMTP.
  const outcome = sendOrderLink(getDb(), viewer, number, await requestMailContext());
  if (outcome.kind === 'not-found') notFound();
  if (outcome.kind === 'no-recipients') return { message: t('noRecipients'), tone: 'error' };
  return { message: t('sent', { count: outcome.recipients }), tone: 'success' };
}
