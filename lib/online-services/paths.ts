/** Where the set-up flow's pages live, for links and redirects. */
import { hrefWith, type UrlParams } from '@/lib/url';

export const SETUP_PATH = '/online-services/setup';
export const REDUCE_PATH = '/online-services/reduce';

/** The receipt of a recorded self-provisioning (switched on, reduced or switched off). */
export function receiptPath(transactionId: number): string {
  return hrefWith(`${SETUP_PATH}/done`, { transaction: transactionId });
}

/** The set-up form, keeping the view's account (and a chosen service). */
export function setupHref(params: UrlParams): string {
  return hrefWith(SETUP_PATH, params);
}

/** The form that reduces or switches off what was self-provisioned on a line. */
export function reduceHref(lineId: number): string {
  return hrefWith(REDUCE_PATH, { line: lineId });
}
