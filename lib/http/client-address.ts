/**
 * Who is asking: the client address that sign-in throttling counts.
 *
 * The starting point is the address of the socket, which License Desk's own
 * server (scripts/serve.ts) passes on in CLIENT_ADDRESS_HEADER, a header
 * clients cannot set. X-Forwarded-For is believed only as far as it was
 * written by proxies named in TRUSTED_PROXIES: it is read from the right
 * (the entry the nearest proxy appended), skipping the trusted proxies, and
 * the first address that is not a trusted proxy is the client. Anything
 * further left was written by the client itself and could be anything.
 *
 * Addresses are compared and returned in one form: IPv4-mapped IPv6
 * (`::ffff:192.0.2.1`, what a dual-stack socket reports) becomes plain IPv4.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type TrustedProxies = ReadonlyArray<[Address, number]>;

/** Parses one address, with IPv4-mapped IPv6 turned into IPv4; null when it is not an address. */
export function parseAddress(value: string): Address | null {
  let text = value.trim();
  // "[2001:db8::1]:443" and "192.0.2.1:443": some proxies append the port.
  const bracketed = text.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** The canonical text of an address (IPv4 dotted, IPv6 as RFC 5952). */
function formatAddress(address: Address): string {
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

/** Normalises an address for storage and comparison; text that is not an address is kept as it is. */
export function normalizeAddress(value: string): string {
  const address = parseAddress(value);
  return address ? formatAddress(address) : value.trim();
}

/**
 * Parses TRUSTED_PROXIES: comma-separated IPv4/IPv6 addresses and CIDR
 * ranges. Throws an Error naming the first entry that is neither.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  if (!value || !value.trim()) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): [Address, number] => {
      const [base = '', bits] = entry.split('/');
      const address = parseAddress(base);
      if (!address || base.includes('[')) throw new Error(`"${entry}" is not an IP address or CIDR range`);
      const max = address.kind() === 'ipv4' ? 32 : 128;
      if (bits === undefined) return [address, max];
      // A mapped IPv4 range (::ffff:10.0.0.0/104) is the IPv4 range /8.
      const wasMapped = address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(base.trim());
      const prefix = Number(bits) - (wasMapped ? 96 : 0);
      if (!/^\d{1,3}$/.test(bits) || prefix < 0 || prefix > max) throw new Error(`"${entry}" has a prefix length outside 0–${max}`);
      return [address, prefix];
    });
}

function isTrusted(address: Address, trusted: TrustedProxies): boolean {
  return trusted.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/**
 * The client's address from the socket's address and the X-Forwarded-For
 * header, believing the header only as far as trusted proxies wrote it.
 */
export function resolveClientAddress(socketAddress: string | null | undefined, forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  if (!socketAddress) return 'unknown';
  let current = parseAddress(socketAddress);
  if (!current) return normalizeAddress(socketAddress);
  if (!forwardedFor || trusted.length === 0) return formatAddress(current);
  const hops = forwardedFor.split(',').reverse();
  for (const hop of hops) {
    if (!isTrusted(current, trusted)) break;
    const previous = parseAddress(hop);
    // A trusted proxy that forwarded something that is not an address: stop at that proxy.
    if (!previous) break;
    current = previous;
  }
  return formatAddress(current);
}
