/**
 * Cross-site request forgery guard for everything that is not a plain read
 * (server actions, next-auth's POST routes): the browser must show that the
 * request comes from License Desk's own pages.
 *
 * - With an Origin header: it must be APP_URL's origin — scheme, host and
 *   port, all three (`https://host` is not `http://host`). Without APP_URL
 *   (development only: production requires it), the origin the request was
 *   sent to: its scheme and its Host header.
 * - Without one (older browsers, hand-made requests): only when the browser
 *   says Sec-Fetch-Site: same-origin. Anything else is refused; Next itself
 *   would run such a server action.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function needsOriginCheck(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** An origin is `scheme://host[:port]` and nothing more (no path, no user). */
const ORIGIN_SHAPE = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+$/i;

/** The origin as URL normalises it (lower case, default port dropped), or null when the text is not one. */
function originOf(text: string): string | null {
  if (!ORIGIN_SHAPE.test(text)) return null;
  try {
    const url = new URL(text);
    return url.host === '' ? null : url.origin;
  } catch {
    return null;
  }
}

/** `requestProtocol`: the scheme the request came over (`http:` or `https:`), for the case without APP_URL. */
export function isSameOriginRequest(headers: Headers, appOrigin: string | null | undefined, requestProtocol = 'http:'): boolean {
  const origin = headers.get('origin');
  if (origin) {
    if (origin === 'null') return false;
    const given = originOf(origin);
    if (!given) return false;
    if (appOrigin) return given === originOf(appOrigin);
    const host = headers.get('host');
    return !!host && given === originOf(`${requestProtocol}//${host}`);
  }
  return headers.get('sec-fetch-site') === 'same-origin';
}
