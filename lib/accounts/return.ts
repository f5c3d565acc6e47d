/**
 * Where the account selector ("Changer de compte") goes back to once an
 * account is chosen: the page it was opened from. Only
 * these pages, which show one account's data, are accepted — never an
 * address from the request (no open redirect).
 */
import { z } from 'zod';

export const SELECTOR_RETURN_PAGES = ['/inventory', '/inventory/benefits', '/orders', '/online-services/setup'] as const;
export type SelectorReturnPage = (typeof SELECTOR_RETURN_PAGES)[number];

/** `return=` of the selector's address and form: one of the pages above, or nothing (the inventory). */
export const selectorReturnSchema = z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.enum(SELECTOR_RETURN_PAGES).optional()).catch(undefined);
