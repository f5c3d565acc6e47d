/**
 * The inventory's view state, read from the URL (the URL is the view: any
 * view can be shared, bookmarked and opened from an e-mail): one zod schema
 * with fallbacks, so a malformed parameter falls back
 * to its default instead of failing, and helpers to write links that keep it.
 */
import { z } from 'zod';
import type { AccountSelection } from '@/lib/accounts/queries';
import type { Viewer } from '@/lib/auth/scope';
import { scopeParams, type UrlParams } from '@/lib/url';
import type { AccountFilter } from './queries';

type RawParams = Record<string, string | string[] | undefined>;

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const inventoryParamsSchema = z.object({
  customer: z.preprocess(single, z.string().trim().min(1).max(64).optional()).catch(undefined),
  account: z.preprocess(single, z.string().trim().min(1).max(64).optional()).catch(undefined),
  q: z.preprocess(single, z.string().trim().max(100).optional()).catch(undefined),
  open: z
    .preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string().regex(/^\d{1,10}(-\d{1,10})?$/)).max(100))
    .catch([]),
  line: z.preprocess(single, z.coerce.number().int().positive().max(2 ** 31).optional()).catch(undefined),
  expand: z.preprocess(single, z.literal('all').optional()).catch(undefined),
  packages: z.preprocess(single, z.literal('1').optional()).catch(undefined),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(100_000).optional()).catch(undefined),
});

export type InventoryParams = z.infer<typeof inventoryParamsSchema>;

/** Parses the search parameters; `ignored` tells whether something malformed was dropped. */
export function parseInventoryParams(raw: RawParams): { params: InventoryParams; ignored: boolean } {
  const params = inventoryParamsSchema.parse(raw);
  const ignored = Object.entries(raw).some(([key, value]) => {
    if (!(key in inventoryParamsSchema.shape) || value === undefined || value === '') return false;
    const kept = params[key as keyof InventoryParams];
    return kept === undefined || (Array.isArray(kept) && kept.length === 0);
  });
  return { params, ignored };
}

export function accountFilterOf(selection: AccountSelection): AccountFilter {
  return selection.kind === 'account' ? { accountId: selection.account.id } : 'all';
}

/** The `account=` of a selection: its number, `all`, or nothing when none is in view. */
export function accountParamOf(selection: AccountSelection): string | undefined {
  return selection.kind === 'account' ? selection.account.number : selection.kind === 'all' ? 'all' : undefined;
}

/** The parameters that keep the viewer's scope (customer, account) on links between tabs and pages. */
export function scopeLinkParams(viewer: Viewer, selection: AccountSelection): UrlParams {
  return { ...scopeParams(viewer), account: accountParamOf(selection) };
}
