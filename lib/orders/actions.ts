'use server';
/**
 * The partner's order forms: record an order, cancel one, send an
 * order's link to the customer. Each asks for the viewer (a partner user
 * working for the customer named by the form's `customer`), parses with
 * zod, calls one write of ./record.ts or ./send.ts and turns its outcome
 * into a page: the order, a 404 (not the viewer's; nothing written), or the
 * form again with a message beside each field and everything typed kept.
 */
import { database } from '@/db/client';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { getAccountByNumber } from '@/lib/accounts/queries';
import { requireViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { clientAddress } from '@/lib/http/request-headers';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { requestMailContext } from '@/lib/notices/request-mail';
import { hrefWith } from '@/lib/url';
import { z } from 'zod';
import { formAction, settleOnce, typed } from '@/lib/forms/action';
import { messages } from '@/lib/i18n/messages';
import { emptyRow, intentOf, itemsOf, ORDER_FIELDS, readOrderForm, type ItemField, type LineChoices, type OrderFormState, type OrderValues } from './form';
import { MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS, MAX_TERM_MONTHS } from './form';
import { cancelFormSchema, cancelOrder, checkItems, lineChoices, mayRecordOrders, orderFormSchema, recordOrder, type FieldMessage } from './record';
import type { PartnerCustomerViewer } from '@/lib/auth/scope';
import { orderPath } from './paths';
import { sendOrderLink } from './send';

/** The viewer of a form: the partner user working for the form's customer; a 404 for anyone else. */
async function partnerViewer(formData: FormData) {
  const viewer = await requireViewer(typed(formData, 'customer', 64) || null);
  if (!mayRecordOrders(viewer)) notFound();
  return viewer;
}

/** The order's page in the partner's view, with what just happened said on it. */
const orderPage = (number: string, customer: string, done?: 'recorded' | 'cancelled') => hrefWith(orderPath(number), { customer, done });

/** The messages of the catalogue's orders.record.errors: no other key reaches it. */
const RECORD_MESSAGES = Object.keys(messages.fr.orders.record.errors);

/** Puts the messages of items (by their index among the items) beside their rows' fields, keeping a message already there. */
function addItemErrors(errors: Record<string, string>, values: OrderValues, itemErrors: Record<number, Partial<Record<ItemField, FieldMessage>>>, say: (message: FieldMessage) => string) {
  const items = itemsOf(values);
  for (const [index, fields] of Object.entries(itemErrors)) {
    for (const [field, message] of Object.entries(fields) as [ItemField, FieldMessage][]) errors[`${items[Number(index)]!.id}.${field}`] ??= say(message);
  }
}

const limitsOf = async () => {
  const locale = (await getLocale()) as Locale;
  return { max: formatCount(locale, MAX_ITEM_QUANTITY), maxTerm: MAX_TERM_MONTHS, maxItems: MAX_ORDER_ITEMS };
};

const record = formAction({
  viewer: partnerViewer,
  values: readOrderForm,
  input: (values, formData) => ({
    key: formData.get('key'),
    account: values.account,
    po: values.po,
    currency: values.currency,
    billToName: values.billToName,
    billToAddress: values.billToAddress,
    shipToName: values.shipToName,
    shipToAddress: values.shipToAddress,
    items: itemsOf(values).map((item) => item.fields),
  }),
  schema: orderFormSchema,
  once: true,
  // The form's own buttons without JavaScript: one more row, or one fewer; nothing is checked yet.
  before: async ({ viewer, values, formData, t }): Promise<OrderFormState | void> => {
    const intent = intentOf(formData);
    if (intent === 'add') {
      if (values.rows.length >= MAX_ORDER_ITEMS) return { values, errors: { items: t('itemsTooMany', { maxItems: MAX_ORDER_ITEMS }) } };
      const next = Math.max(0, ...values.rows.map((row) => Number(row.id))) + 1;
      return { values: { ...values, rows: [...values.rows, emptyRow(String(next))] }, errors: {} };
    }
    // The values a row's product already has, to pick from: added to every answer (recordOrderAction).
    if (intent?.startsWith('choices:')) return { values, errors: {} };
    if (intent?.startsWith('remove:')) {
      const rows = values.rows.filter((row) => row.id !== intent.slice('remove:'.length));
      return { values: { ...values, rows: rows.length ? rows : [emptyRow('1')] }, errors: {} };
    }
    // An account outside the partner's reach is not found whatever else the form holds: no field message may tell it apart from an unknown one.
    if (values.account.trim() && !(await getAccountByNumber(database(), viewer, values.account.trim()))) notFound();
  },
  messages: {
    namespace: 'orders.record.errors',
    keys: RECORD_MESSAGES,
    fallback: (field) =>
      field.endsWith('.quantity') || field.endsWith('.term')
        ? 'whole'
        : field.endsWith('.price')
          ? 'priceFormat'
          : field === 'account'
            ? 'accountUnknown'
            : field === 'po'
              ? 'poRequired'
              : field === 'currency'
                ? 'currencyUnknown'
                : 'tooLong',
  },
  // An item's field is named as in the form, `<row id>.<field>`; the key and anything else no person typed is not ours.
  fieldOf: (path, values) => {
    const [field, index, itemField] = path;
    if (field === 'items' && typeof index === 'number' && typeof itemField === 'string') return `${itemsOf(values)[index]!.id}.${itemField}`;
    return typeof field === 'string' && (ORDER_FIELDS as readonly string[]).includes(field) ? field : null;
  },
  // What the catalogue says of the products typed, in the same answer, and the summary above the form.
  invalid: async (values, errors, t): Promise<OrderFormState> => {
    const limits = await limitsOf();
    const say = ({ message, values: named }: FieldMessage) => t(message, { ...limits, ...named });
    const catalogue = (await checkItems(database(), itemsOf(values).map((item) => item.fields)));
    const all = { ...errors };
    if ('itemErrors' in catalogue) addItemErrors(all, values, catalogue.itemErrors, say);
    return { values, errors: { ...all, form: t('summary') } };
  },
  handle: async ({ viewer, data, values, t }): Promise<OrderFormState> => {
    const customer = viewer.customer.number;
    const outcome = (await recordOrder(database(), viewer, data, {
      today: today(),
      resultPath: ({ number }) => orderPage(number, customer, 'recorded'),
      address: clientAddress(await headers()),
    }));
    if (outcome.kind === 'recorded') redirect(orderPage(outcome.number, customer, 'recorded'));
    // An account outside the partner's reach for this customer is not found, exactly as one that does not exist.
    if (outcome.kind !== 'invalid') settleOnce(outcome);
    const limits = await limitsOf();
    const say = ({ message, values: named }: FieldMessage) => t(message, { ...limits, ...named });
    const errors: Record<string, string> = {};
    addItemErrors(errors, values, outcome.itemErrors, say);
    for (const [field, message] of Object.entries(outcome.errors)) errors[field] = say(message);
    return { values, errors: { ...errors, form: t('summary') } };
  },
});

/** Each row's values to pick from, for the rows whose product is a licence of the catalogue (at most MAX_ORDER_ITEMS rows). */
async function withChoices(viewer: PartnerCustomerViewer, locale: Locale, state: OrderFormState): Promise<OrderFormState> {
  const choices: Record<string, LineChoices> = {};
  for (const row of state.values.rows) {
    const found = row.product.trim() ? await lineChoices(database(), viewer, row.product, locale) : null;
    if (found) choices[row.id] = found;
  }
  return { ...state, choices };
}

/** ENREGISTRER UNE COMMANDE: adds or removes an item row, or shows a row's values to pick (without JavaScript), or records the order. */
export async function recordOrderAction(previous: OrderFormState, formData: FormData): Promise<OrderFormState> {
  const state = await record(previous, formData);
  return withChoices(await partnerViewer(formData), (await getLocale()) as Locale, state);
}

const choicesSchema = z.object({ product: z.string().trim().min(1).max(64) });

/**
 * The values a product already has, for the form with JavaScript once a
 * product is typed (without it, the row's button asks recordOrderAction):
 * null for an unknown product or an online service.
 */
export async function lineChoicesAction(formData: FormData): Promise<LineChoices | null> {
  const viewer = await partnerViewer(formData);
  const parsed = choicesSchema.safeParse({ product: formData.get('product') });
  return parsed.success ? await lineChoices(database(), viewer, parsed.data.product, (await getLocale()) as Locale) : null;
}

export interface CancelState {
  error?: string;
}

const cancel = formAction({
  viewer: partnerViewer,
  values: (formData) => ({ number: typed(formData, 'number', 65) }),
  input: (values, formData) => ({ key: formData.get('key'), number: formData.get('number') }),
  schema: cancelFormSchema,
  once: true,
  namespace: 'orders.cancel.errors',
  handle: async ({ viewer, data, t }): Promise<CancelState> => {
    const customer = viewer.customer.number;
    const outcome = (await cancelOrder(database(), viewer, data, {
      today: today(),
      resultPath: ({ number }) => orderPage(number, customer, 'cancelled'),
      address: clientAddress(await headers()),
    }));
    if (outcome.kind === 'cancelled') redirect(orderPage(outcome.number, customer, 'cancelled'));
    if (outcome.kind !== 'refused') settleOnce(outcome);
    const locale = (await getLocale()) as Locale;
    return { error: t(outcome.message, { date: outcome.values?.date ? formatDate(locale, outcome.values.date) : '' }) };
  },
});

/** Cancels an order the partner recorded, within its 14 days. */
export async function cancelOrderAction(previous: CancelState, formData: FormData): Promise<CancelState> {
  return cancel(previous, formData);
}

export interface SendState {
  /** What happened, said to the person; `tone` colours it. */
  message?: string;
  tone?: 'success' | 'error';
}

const send = formAction({
  viewer: partnerViewer,
  values: (formData) => ({ number: typed(formData, 'number', 65) }),
  schema: z.object({ number: z.string().min(1).max(64) }),
  namespace: 'orders.send',
  handle: async ({ viewer, data, t }): Promise<SendState> => {
    // Queued in the mail outbox (the outbox worker sends them): nothing here waits for SMTP.
    const outcome = (await sendOrderLink(database(), viewer, data.number, await requestMailContext()));
    if (outcome.kind === 'not-found') notFound();
    if (outcome.kind === 'no-recipients') return { message: t('noRecipients'), tone: 'error' };
    return { message: t('sent', { count: outcome.recipients }), tone: 'success' };
  },
});

/** ENVOYER AU CLIENT: e-mails the order's link to the customer's administrators. */
export async function sendOrderLinkAction(previous: SendState, formData: FormData): Promise<SendState> {
  return send(previous, formData);
}
