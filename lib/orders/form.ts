/**
 * The order form's shape, shared by the form (a client component) and its
 * server action: the rows of items as typed, the messages beside them, and
 * how a posted form is read. Each row carries an id of its own (`row`
 * fields, then `<id>.product`, `<id>.quantity`…), so rows can be added and
 * removed in place with JavaScript, or by the form's buttons without it,
 * and an unticked SA box (which a browser does not send) stays with its row.
 */

/** Items one order may hold (a longer order is split in several). */
export const MAX_ORDER_ITEMS = 50;
/** The largest quantity of one item. */
export const MAX_ITEM_QUANTITY = 1_000_000;
/** The longest term of an online service, in months. */
export const MAX_TERM_MONTHS = 60;
/** The term an online service item starts with in the form. */
export const DEFAULT_TERM_MONTHS = 12;

/** The longest name of a bill-to or ship-to party, and its longest address (as the import format allows). */
export const MAX_PARTY_NAME = 200;
export const MAX_PARTY_ADDRESS = 1000;

export type ItemField = 'product' | 'edition' | 'version' | 'usage' | 'quantity' | 'sa' | 'term' | 'price';

export interface OrderRow {
  id: string;
  product: string;
  edition: string;
  version: string;
  usage: string;
  quantity: string;
  sa: boolean;
  term: string;
  /** The unit price as typed (optional), in the order's currency. */
  price: string;
}

export interface OrderValues {
  account: string;
  po: string;
  /** ISO 4217 code of the prices (lib/orders/money.ts). */
  currency: string;
  billToName: string;
  billToAddress: string;
  shipToName: string;
  shipToAddress: string;
  rows: OrderRow[];
}

/** The order's fields other than its items, as the form names them. */
export const ORDER_FIELDS = ['account', 'po', 'currency', 'billToName', 'billToAddress', 'shipToName', 'shipToAddress', 'items'] as const;

/**
 * The form's state (lib/forms/action.ts): what was typed, and the messages by
 * the name of their field in the form — `account`, `po`, `items`, each row's
 * `<id>.product`, `<id>.quantity`… — and `form`, the summary said above it.
 */
export interface OrderFormState {
  values: OrderValues;
  errors: Record<string, string>;
  /** By row id: the values the row's product already has in the customer's inventory, to pick from. */
  choices?: Record<string, LineChoices>;
}

/** What a licence's edition, version and resource usage may be picked from (each list bounded, ./record.ts). */
export interface LineChoices {
  edition: string[];
  version: string[];
  usage: string[];
}

export const emptyRow = (id: string, filled: Partial<Omit<OrderRow, 'id'>> = {}): OrderRow => ({
  id,
  product: '',
  edition: '',
  version: '',
  usage: '',
  quantity: '',
  sa: false,
  term: String(DEFAULT_TERM_MONTHS),
  price: '',
  ...filled,
});

/** A row left as it was added: not an item, just ignored. */
const isBlank = (row: OrderRow) => !row.product.trim() && !row.edition.trim() && !row.version.trim() && !row.usage.trim() && !row.quantity.trim() && !row.price.trim() && !row.sa;

/** The rows that are items (a row left as it was added is not), with their ids. */
export const itemsOf = (values: OrderValues) => values.rows.filter((row) => !isBlank(row)).map(({ id, ...fields }) => ({ id, fields }));

/**
 * What a posted order form holds: the values to show again (an absurd
 * length cut just past each field's limit, so the limit is still reported).
 */
export function readOrderForm(formData: FormData): OrderValues {
  const text = (name: string, max: number) => String(formData.get(name) ?? '').slice(0, max + 1);
  const ids = [...new Set(formData.getAll('row').map(String))].filter((id) => /^\d{1,4}$/.test(id)).slice(0, MAX_ORDER_ITEMS + 1);
  const rows = ids.map(
    (id): OrderRow => ({
      id,
      product: text(`${id}.product`, 64),
      edition: text(`${id}.edition`, 100),
      version: text(`${id}.version`, 100),
      usage: text(`${id}.usage`, 100),
      quantity: text(`${id}.quantity`, 20),
      sa: formData.get(`${id}.sa`) === 'yes',
      term: text(`${id}.term`, 20),
      price: text(`${id}.price`, 20),
    }),
  );
  return {
    account: text('account', 64),
    po: text('po', 64),
    currency: text('currency', 3),
    billToName: text('billToName', MAX_PARTY_NAME),
    billToAddress: text('billToAddress', MAX_PARTY_ADDRESS),
    shipToName: text('shipToName', MAX_PARTY_NAME),
    shipToAddress: text('shipToAddress', MAX_PARTY_ADDRESS),
    rows: rows.length ? rows : [emptyRow('1')],
  };
}

/** The button pressed without JavaScript: `add` a row, `remove:<id>`, `choices:<id>` (show a row's values to pick), or null (record the order). */
export function intentOf(formData: FormData): string | null {
  const intent = formData.get('intent');
  return typeof intent === 'string' && /^(add|(remove|choices):\d{1,4})$/.test(intent) ? intent : null;
}
