/**
 * The URL is the view (any view can be shared and bookmarked): helpers to
 * write links that keep a view's search parameters, and the parameters that
 * travel on every page of a partner user (`customer=`).
 */
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/scope';

export type UrlParams = Record<string, string | number | readonly (string | number)[] | null | undefined | false>;

export function hrefWith(path: string, params: UrlParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The parameters every link of a partner user's pages carries. */
export function scopeParams(viewer: Pick<Viewer, 'role' | 'customer'>): { customer?: string } {
  return viewer.role === 'partner_user' && viewer.customer ? { customer: viewer.customer.number } : {};
}

/** Reads a single value from Next's searchParams (the first when repeated). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A request's search parameters in the shape pages receive them (repeated ones as arrays), for route handlers. */
export function rawSearchParams(request: Request): Record<string, string[]> {
  const raw: Record<string, string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) (raw[key] ??= []).push(value);
  return raw;
}

/** What a page receives as `searchParams`. */
export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `customer=` in a page's schema: the first value when repeated, as given (requireCustomerViewer() decides what it may be). */
export const customerParamSchema = z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().optional()).catch(undefined);
