/**
 * Headers that only License Desk's own server (scripts/serve.ts) sets on the
 * request before Next sees it. Whatever a client sends under these names is
 * dropped first, so the application can believe them.
 */

/** The address of the client that made the request, as decided by the server from the socket. */
export const CLIENT_ADDRESS_HEADER = 'x-license-desk-client-address';

/** Every header the server owns; incoming copies are removed. */
export const SERVER_OWNED_HEADERS = [CLIENT_ADDRESS_HEADER] as const;
