/**
 * What a request that ended in "not found" was asking for, read from the
 * path and query the person asked for (set by proxy.ts), so that the portal's
 * 404 page can say it in words and lead to the nearest list that still makes
 * sense: an order → the orders, a purchase account → the accounts, a line's
 * history → the inventory. Links in old e-mails and bookmarks outlive what
 * they name (an import removes a line, an account is closed).
 *
 * Only what the person typed is repeated, and only when it has the shape of
 * an identifier; a value that names another customer's order gets exactly the
 * answer of one that names nothing.
 */
import { z } from 'zod';

export type AskedFor =
  | { kind: 'order'; number: string; customer?: string }
  | { kind: 'account'; number: string; customer?: string }
  | { kind: 'line'; customer?: string }
  | null;

const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/);
const customerNumber = z.string().regex(/^\d{1,16}$/);

/** The pages whose `account` parameter names one purchase account. */
const ACCOUNT_PAGES = new Set(['/inventory', '/online-services/setup', '/reports', '/account/activity']);

export function askedFor(requested: string | null | undefined): AskedFor {
  if (!requested) return null;
  let url: URL;
  try {
    url = new URL(requested, 'http://portal.invalid');
  } catch {
    return null;
  }
  const customer = customerNumber.safeParse(url.searchParams.get('customer') ?? '');
  const scope = customer.success ? { customer: customer.data } : {};
  const order = /^\/orders\/([^/]+)\/?$/.exec(url.pathname);
  if (order) {
    const number = identifier.safeParse(safeDecode(order[1]!));
    return number.success ? { kind: 'order', number: number.data, ...scope } : null;
  }
  if (/^\/inventory\/history\/[^/]+\/?$/.test(url.pathname)) return { kind: 'line', ...scope };
  if (ACCOUNT_PAGES.has(url.pathname.replace(/\/$/, ''))) {
    const account = identifier.safeParse(url.searchParams.get('account') ?? '');
    if (account.success && account.data !== 'all') return { kind: 'account', number: account.data, ...scope };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
