/**
 * Runs before every route: records the path asked for (so requireViewer can
 * come back to it after sign-in) and sends requests without a session cookie
 * to the sign-in page early. It is never the only gate: every page, route
 * handler and action calls requireViewer() itself.
 */
import { NextResponse, type NextRequest } from 'next/server';

const REQUEST_PATH_HEADER = 'x-license-desk-path';

/** What nobody needs to sign in for (SPEC §1). */
const PUBLIC_PATHS = [/^\/sign-in$/, /^\/forgot-password$/, /^\/api\/auth(\/|$)/, /^\/api\/health$/, /^\/calendar\//, /^\/notices\/off/, /^\/invitation\//, /^\/reset-password\//];

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.has('authjs.session-token') || request.cookies.has('__Secure-authjs.session-token');
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;

  if (!PUBLIC_PATHS.some((pattern) => pattern.test(pathname)) && !hasSessionCookie(request)) {
    const signIn = new URL('/sign-in', request.url);
    signIn.searchParams.set('callbackUrl', path);
    return NextResponse.redirect(signIn);
  }

  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but Next's own assets and public files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
