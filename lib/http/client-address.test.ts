import { describe, expect, it } from 'vitest';
import { normalizeAddress, parseTrustedProxies, resolveClientAddress } from './client-address';

const none = parseTrustedProxies('');
const proxies = parseTrustedProxies('10.0.0.1, 10.1.0.0/16, fd00::/8, 2001:db8::7');

describe('resolveClientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever the client sends', () => {
    expect(resolveClientAddress('198.51.100.9', '203.0.113.1', none)).toBe('198.51.100.9');
    expect(resolveClientAddress('198.51.100.9', '203.0.113.1, 192.0.2.4', none)).toBe('198.51.100.9');
    expect(resolveClientAddress('198.51.100.9', null, none)).toBe('198.51.100.9');
  });

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy (a direct client cannot spoof)', () => {
    expect(resolveClientAddress('198.51.100.9', '203.0.113.1', proxies)).toBe('198.51.100.9');
    // A victim's address in the header does not make the attacker the victim.
    expect(resolveClientAddress('198.51.100.9', '10.1.2.3, 203.0.113.50', proxies)).toBe('198.51.100.9');
  });

  it('reads the header from the right through trusted proxies only', () => {
    expect(resolveClientAddress('10.0.0.1', '203.0.113.1', proxies)).toBe('203.0.113.1');
    // The client prepended a fake address: the proxy appended the real one at the right.
    expect(resolveClientAddress('10.0.0.1', '192.0.2.66, 203.0.113.1', proxies)).toBe('203.0.113.1');
    // Two trusted hops: 10.1.5.5 forwarded to 10.0.0.1.
    expect(resolveClientAddress('10.0.0.1', '192.0.2.66, 203.0.113.1, 10.1.5.5', proxies)).toBe('203.0.113.1');
    // A client claiming to be a trusted proxy is still read past only from the right.
    expect(resolveClientAddress('10.0.0.1', '203.0.113.1, 10.1.9.9', proxies)).toBe('203.0.113.1');
    // Everything trusted: the leftmost address.
    expect(resolveClientAddress('10.0.0.1', '10.1.0.2', proxies)).toBe('10.1.0.2');
    // A trusted proxy with no header: the proxy itself.
    expect(resolveClientAddress('10.0.0.1', null, proxies)).toBe('10.0.0.1');
  });

  it('stops at an entry that is not an address', () => {
    expect(resolveClientAddress('10.0.0.1', 'unknown', proxies)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', '203.0.113.1, garbage, 10.1.0.9', proxies)).toBe('10.1.0.9');
  });

  it('treats IPv4-mapped IPv6 as IPv4, on the socket, in the header and in the setting', () => {
    expect(resolveClientAddress('::ffff:10.0.0.1', '203.0.113.1', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('::ffff:198.51.100.9', '203.0.113.1', proxies)).toBe('198.51.100.9');
    expect(resolveClientAddress('10.0.0.1', '::ffff:203.0.113.1', proxies)).toBe('203.0.113.1');
    const mapped = parseTrustedProxies('::ffff:10.0.0.0/104');
    expect(resolveClientAddress('10.200.0.1', '203.0.113.1', mapped)).toBe('203.0.113.1');
  });

  it('handles IPv6 proxies and clients, ports and brackets', () => {
    expect(resolveClientAddress('fd12::1', '2001:db8:0:0:0:0:0:42', proxies)).toBe('2001:db8::42');
    expect(resolveClientAddress('2001:db8::7', '[2001:db8::99]:4711', proxies)).toBe('2001:db8::99');
    expect(resolveClientAddress('10.0.0.1', '203.0.113.1:51000', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('2001:db8::8', '203.0.113.1', proxies)).toBe('2001:db8::8');
  });

  it('says unknown without a socket address', () => {
    expect(resolveClientAddress(undefined, '203.0.113.1', proxies)).toBe('unknown');
  });
});

describe('parseTrustedProxies', () => {
  it('accepts addresses and CIDR ranges of both families', () => {
    expect(parseTrustedProxies(' 127.0.0.1 ,::1, 10.0.0.0/8,fd00::/8 ')).toHaveLength(4);
    expect(parseTrustedProxies(undefined)).toEqual([]);
  });

  it.each(['localhost', '10.0.0.0/33', '10.0.0.1/-1', 'fd00::/129', '300.1.1.1', '10.0.0.0/8x', '[::1]'])('refuses %s', (value) => {
    expect(() => parseTrustedProxies(value)).toThrow(value);
  });
});

describe('normalizeAddress', () => {
  it('gives one spelling per address', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('2001:0db8:0000::0001')).toBe('2001:db8::1');
    expect(normalizeAddress(' unknown ')).toBe('unknown');
  });
});
