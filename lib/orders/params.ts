/**
 * The order history's search parameters: the account in view and
 * page, like every list, plus the search form's fields — order number,
 * customer PO number, product, date range. One zod schema whose fields fall
 * back on bad input (the page says a parameter was ignored, never a 500).
 */
import { z } from 'zod';
import { calendarDateParam } from '@/lib/calendar-date';
import { inventoryParamsSchema } from '@/lib/inventory/view';

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = (max: number) => z.preprocess((value) => (typeof single(value) === 'string' && (single(value) as string).trim() === '' ? undefined : single(value)), z.string().trim().min(1).max(max).optional()).catch(undefined);

export const ordersParamsSchema = inventoryParamsSchema.pick({ customer: true, account: true, page: true }).extend({
  number: text(64),
  po: text(64),
  product: text(100),
  from: calendarDateParam,
  to: calendarDateParam,
});

export type OrdersParams = z.infer<typeof ordersParamsSchema>;

/** The search form's fields, as the list and its export take them. */
export type OrderSearch = Pick<OrdersParams, 'number' | 'po' | 'product' | 'from' | 'to'>;

export const ORDER_SEARCH_FIELDS = ['number', 'po', 'product', 'from', 'to'] as const;

export function parseOrdersParams(raw: Record<string, string | string[] | undefined>): { params: OrdersParams; ignored: boolean } {
  const params = ordersParamsSchema.parse(raw);
  const ignored = (['account', 'page', ...ORDER_SEARCH_FIELDS] as const).some((key) => {
    const value = single(raw[key]);
    return typeof value === 'string' && value.trim() !== '' && params[key] === undefined;
  });
  return { params, ignored };
}

export function searchOf(params: OrdersParams): OrderSearch {
  return { number: params.number, po: params.po, product: params.product, from: params.from, to: params.to };
}
