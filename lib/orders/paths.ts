/** Where the partner's order pages live, for links and redirects. */
import { hrefWith, type UrlParams } from '@/lib/url';

export const NEW_ORDER_PATH = '/partner/orders/new';

/** The form that records an order (with the account, service and quantity to fill in, when known). */
export function newOrderHref(params: UrlParams & { customer: string }): string {
  return hrefWith(NEW_ORDER_PATH, params);
}

/** An order's own address: the link partners copy and e-mails carry (a plain link opens in the right customer's context for a partner too). */
export const orderPath = (number: string) => `/orders/${encodeURIComponent(number)}`;
