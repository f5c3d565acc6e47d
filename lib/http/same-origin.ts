/**
 * Cross-site request forgery guard for everything that is not a plain read
 * (server actions, next-auth's POST routes): the browser must show that the
 * request comes from License Desk's own pages.
 *
 * - With an Origin header: it must be APP_URL's origin, or name the host the
 *   request was sent to (what Next's own check compares).
 * - Without one (older browsers, hand-made requests): only when the browser
 *   says Sec-Fetch-Site: same-origin. Anything else is refused; Next itself
 *   would run such a server action.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function needsOriginCheck(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function isSameOriginRequest(headers: Headers, appOrigin: string | null | undefined): boolean {
  const origin = headers.get('origin');
  if (origin) {
    if (origin === 'null') return false;
    if (appOrigin && origin === appOrigin) return true;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    return host !== '' && host === headers.get('host');
  }
  return headers.get('sec-fetch-site') === 'same-origin';
}
