/**
 * The pages of requests refused before the application sees them (malformed
 * address, foreign origin, body too large): plain HTML in both languages,
 * since the request may never reach the code that knows the reader's
 * language, with the texts of the catalogues. No script, no outside resource.
 */
import en from '@/lib/i18n/messages/en/auth.json';
import fr from '@/lib/i18n/messages/fr/auth.json';
import { staticPageHtml, type StaticPageSection } from './static-page';

export type RefusedRequest = 400 | 403 | 413;

const TEXTS = {
  400: ['badRequestTitle', 'badRequestBody'],
  403: ['forbiddenTitle', 'forbiddenBody'],
  413: ['tooLargeTitle', 'tooLargeBody'],
} as const;

/** The largest request body License Desk accepts (forms only: imports run from the command line). */
export const MAX_BODY_BYTES = 1024 * 1024;

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export const ERROR_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function errorPageHtml(status: RefusedRequest): string {
  const [titleKey, bodyKey] = TEXTS[status];
  const section = (catalogue: typeof fr, lang: 'fr' | 'en', limit: string): StaticPageSection => ({
    lang,
    title: catalogue.requests[titleKey],
    body: fill(catalogue.requests[bodyKey], { limit }),
    link: { href: '/inventory', text: catalogue.requests.backHome },
  });
  return staticPageHtml(`${status} · ${fr.requests[titleKey]} · ${en.requests[titleKey]}`, [section(fr, 'fr', '1 Mo'), section(en, 'en', '1 MB')]);
}

/** Headers of a refused request's answer. */
export function errorPageHeaders(): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': ERROR_PAGE_CSP,
    'x-content-type-options': 'nosniff',
  };
}

/** The answer to a refused request, for the proxy (Web Response). */
export function errorPageResponse(status: RefusedRequest): Response {
  return new Response(errorPageHtml(status), { status, headers: errorPageHeaders() });
}

/**
 * Whether a path holds a malformed percent-encoding (`%zz`, a lone `%`, or
 * bytes that are not UTF-8), which the router would fail to decode.
 */
export function hasMalformedEncoding(pathname: string): boolean {
  for (const segment of pathname.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}
