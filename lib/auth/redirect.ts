/**
 * Where to go back after signing in. Only same-origin relative paths are
 * followed: `//host`, `/\host`, absolute URLs, `javascript:` and their
 * percent-encoded forms all fall back to the home page (open-redirect guard).
 * What is followed comes back percent-encoded as a URL serialises it: it
 * ends up in a Location header, which cannot carry characters above U+00FF.
 */
export const HOME_PATH = '/inventory';

const BASE = 'http://license-desk.invalid';

function looksSafe(path: string): boolean {
  if (!path.startsWith('/')) return false;
  // "//host" and "/\host" are protocol-relative in browsers.
  if (path.startsWith('//') || path.startsWith('/\\')) return false;
  // Control characters and backslashes anywhere can be re-read as separators.
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return false;
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
}

/** The path as a URL serialises it: dot segments resolved, non-ASCII percent-encoded. */
function serialised(path: string): string {
  const url = new URL(path, BASE);
  return `${url.pathname}${url.search}${url.hash}`;
}

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return HOME_PATH;
  // Check every decoding layer: "%2F%2Fevil" must not become "//evil" later.
  let current = value;
  for (let i = 0; i < 4; i += 1) {
    if (!looksSafe(current)) return HOME_PATH;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return HOME_PATH;
    }
    if (decoded === current) {
      // Resolving dot segments can make "/.//host" into "//host": check what is returned too.
      const result = serialised(value);
      return looksSafe(result) ? result : HOME_PATH;
    }
    current = decoded;
  }
  return HOME_PATH;
}
