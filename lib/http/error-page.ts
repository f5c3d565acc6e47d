/**
 * The pages of requests refused before the application sees them (malformed
 * address, foreign origin, body too large): plain HTML in both languages,
 * since the request may never reach the code that knows the reader's
 * language, with the texts of the catalogues. No script, no outside resource.
 */
import en from '@/lib/i18n/messages/en/auth.json';
import fr from '@/lib/i18n/messages/fr/auth.json';

export type RefusedRequest = 400 | 403 | 413;

const TEXTS = {
  400: ['badRequestTitle', 'badRequestBody'],
  403: ['forbiddenTitle', 'forbiddenBody'],
  413: ['tooLargeTitle', 'tooLargeBody'],
} as const;

/** The largest request body License Desk accepts (forms only: imports run from the command line). */
export const MAX_BODY_BYTES = 1024 * 1024;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export const ERROR_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function errorPageHtml(status: RefusedRequest): string {
  const [titleKey, bodyKey] = TEXTS[status];
  const section = (catalogue: typeof fr, lang: 'fr' | 'en', limit: string) => {
    const texts = catalogue.requests;
    return `<section lang="${lang}"><h1>${escapeHtml(texts[titleKey])}</h1><p>${escapeHtml(fill(texts[bodyKey], { limit }))}</p><p><a href="/inventory">${escapeHtml(texts.backHome)}</a></p></section>`;
  };
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} · ${escapeHtml(fr.requests[titleKey])} · ${escapeHtml(en.requests[titleKey])}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#0f172a}section+section{border-top:1px solid #cbd5e1;margin-top:2rem;padding-top:1rem}a{color:#1d4ed8}</style></head><body><main>${section(fr, 'fr', '1 Mo')}${section(en, 'en', '1 MB')}</main></body></html>`;
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
