/**
 * Headers that only License Desk's own server (scripts/serve.ts) sets on the
 * request before Next sees it. Whatever a client sends under these names is
 * dropped first, so the application can believe them.
 */
import { env } from '@/lib/env';
import { parseTrustedProxies, resolveClientAddress, type TrustedProxies } from './client-address';

/** The address of the client that made the request, as decided by the server from the socket. */
export const CLIENT_ADDRESS_HEADER = 'x-license-desk-client-address';

/** Every header the server owns; incoming copies are removed. */
export const SERVER_OWNED_HEADERS = [CLIENT_ADDRESS_HEADER] as const;

let trusted: { source: string | undefined; proxies: TrustedProxies } | undefined;

/**
 * The client address of a request: the socket's address, or with
 * TRUSTED_PROXIES set and the socket one of them, the address those proxies
 * report (lib/http/client-address.ts). Without License Desk's server in front
 * (`next dev`), "unknown": every client then shares one allowance.
 */
export function clientAddress(headers: Headers): string {
  const source = env().TRUSTED_PROXIES;
  if (!trusted || trusted.source !== source) trusted = { source, proxies: parseTrustedProxies(source) };
  return resolveClientAddress(headers.get(CLIENT_ADDRESS_HEADER), headers.get('x-forwarded-for'), trusted.proxies);
}
