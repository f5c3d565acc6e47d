/**
 * Runs before every route:
 *
 * - refuses, with a clean page, what would otherwise end in a server error
 *   or a forged write: a path with malformed percent-encoding (400), and a
 *   form or server action that does not come from License Desk's own pages
 *   (403, lib/http/same-origin.ts);
 * - sets the security headers of every page: a Content-Security-Policy whose
 *   scripts need this response's nonce (Next puts the nonce on its own
 *   scripts when it finds it in the request's CSP header), and HSTS on every
 *   answer it gives when served over HTTPS (scripts/serve.ts adds it to
 *   every other answer: static files, its own refusals);
 * - records the path asked for (so requireViewer can come back to it after
 *   sign-in) and sends requests without a session cookie to the sign-in page
 *   early. It is never the only gate: every page, route handler and action
 *   calls requireViewer() itself.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { errorPageResponse, hasMalformedEncoding } from '@/lib/http/error-page';
import { HSTS } from '@/lib/http/hsts';
import { isSameOriginRequest, needsOriginCheck } from '@/lib/http/same-origin';

const REQUEST_PATH_HEADER = 'x-license-desk-path';
const ONE_CLICK_UNSUBSCRIBE = '/notices/off/one-click';

/** What nobody needs to sign in for: signing in itself, its links, health, the calendar feed, the notices' stop link. */
const PUBLIC_PATHS = [/^\/sign-in$/, /^\/forgot-password$/, /^\/api\/auth(\/|$)/, /^\/api\/health$/, /^\/calendar\//, /^\/notices\/off/, /^\/invitation\//, /^\/reset-password\//];

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.has('authjs.session-token') || request.cookies.has('__Secure-authjs.session-token');
}

function appOrigin(): string | null {
  const url = process.env.APP_URL;
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Every answer of the proxy — refusal, redirect, page — carries HSTS when the portal is served over https. */
function withHsts<T extends Response>(response: T, https: boolean): T {
  if (https) response.headers.set('strict-transport-security', HSTS);
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const origin = appOrigin();
  const https = origin?.startsWith('https:') || request.nextUrl.protocol === 'https:';
  if (hasMalformedEncoding(pathname)) return withHsts(errorPageResponse(400), https);
  // Mail clients post one-click unsubscribes from elsewhere (RFC 8058); that address only ever turns notices off, by its signed token.
  if (needsOriginCheck(request.method) && pathname !== ONE_CLICK_UNSUBSCRIBE && !isSameOriginRequest(request.headers, origin, request.nextUrl.protocol)) return withHsts(errorPageResponse(403), https);

  const path = `${pathname}${search}`;
  if (!PUBLIC_PATHS.some((pattern) => pattern.test(pathname)) && !hasSessionCookie(request)) {
    const signIn = new URL('/sign-in', origin ?? request.url);
    signIn.searchParams.set('callbackUrl', path);
    return withHsts(NextResponse.redirect(signIn), https);
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce, https);

  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, path);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return withHsts(response, https);
}

export const config = {
  // Everything but Next's own assets and public files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
