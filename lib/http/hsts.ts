/**
 * HTTP Strict Transport Security: when the portal's public address (APP_URL)
 * is https, every answer says so — pages, redirects (the one to sign-in
 * included), refusals (400, 403, 413), "service unavailable" pages, static
 * files. scripts/serve.ts sets it on every response before anything else
 * answers; the proxy sets it too (for a request that came over https without
 * an https APP_URL, in development).
 */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** The header's value for this APP_URL, or null when it is not https. */
export function hstsFor(appUrl: string | undefined | null): string | null {
  if (!appUrl) return null;
  try {
    // As URL reads it: `HTTPS://…` is https too.
    return new URL(appUrl).protocol === 'https:' ? HSTS : null;
  } catch {
    return null;
  }
}
