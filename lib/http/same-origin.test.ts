import { describe, expect, it } from 'vitest';
import { hasMalformedEncoding } from './error-page';
import { isSameOriginRequest, needsOriginCheck } from './same-origin';

const APP = 'https://licenses.example.com';
const headers = (values: Record<string, string>) => new Headers(values);

describe('isSameOriginRequest', () => {
  it('accepts APP_URL’s origin; without APP_URL, the origin the request was sent to', () => {
    expect(isSameOriginRequest(headers({ origin: APP, host: 'internal:3000' }), APP)).toBe(true);
    expect(isSameOriginRequest(headers({ origin: 'https://LICENSES.example.com:443', host: 'internal:3000' }), APP)).toBe(true);
    expect(isSameOriginRequest(headers({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }), null)).toBe(true);
    expect(isSameOriginRequest(headers({ origin: 'https://127.0.0.1:3000', host: '127.0.0.1:3000' }), null, 'https:')).toBe(true);
  });

  it('compares scheme, host and port, all three', () => {
    const http = 'http://portal.example:3000';
    expect(isSameOriginRequest(headers({ origin: 'https://portal.example:3000', host: 'portal.example:3000' }), http)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'http://portal.example:3001', host: 'portal.example:3000' }), http)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'http://other.example:3000', host: 'portal.example:3000' }), http)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'http://portal.example:3000', host: 'portal.example:3000' }), http)).toBe(true);
    // With APP_URL, the Host header no longer vouches for an origin.
    expect(isSameOriginRequest(headers({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }), APP)).toBe(false);
    // Without it, the scheme of the request counts too.
    expect(isSameOriginRequest(headers({ origin: 'https://127.0.0.1:3000', host: '127.0.0.1:3000' }), null, 'http:')).toBe(false);
  });

  it('refuses another origin, an opaque one, and a malformed one', () => {
    expect(isSameOriginRequest(headers({ origin: 'https://evil.example', host: 'licenses.example.com' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'https://licenses.example.com.evil.example', host: 'licenses.example.com' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'null', host: 'licenses.example.com' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'not a url', host: 'licenses.example.com' }), APP)).toBe(false);
    // An Origin header names an origin only: a path or a user makes it something else.
    expect(isSameOriginRequest(headers({ origin: `${APP}/sign-in`, host: 'licenses.example.com' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'https://evil@licenses.example.com', host: 'licenses.example.com' }), APP)).toBe(false);
  });

  it('without Origin, accepts only what the browser marks same-origin', () => {
    expect(isSameOriginRequest(headers({ host: 'licenses.example.com' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ 'sec-fetch-site': 'same-site' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ 'sec-fetch-site': 'cross-site' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ 'sec-fetch-site': 'none' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ 'sec-fetch-site': 'same-origin' }), APP)).toBe(true);
  });

  it('is asked of everything but reads', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(needsOriginCheck)).toEqual([false, false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(needsOriginCheck)).toEqual([true, true, true, true]);
  });
});

describe('hasMalformedEncoding', () => {
  it.each(['/orders/%zz', '/inventory/history/%E0%A4%A', '/orders/%', '/a/%C3', '/%FF'])('finds %s malformed', (path) => {
    expect(hasMalformedEncoding(path)).toBe(true);
  });

  it.each(['/orders/4500012', '/inventory/history/12', '/q/Montr%C3%A9al', '/a%20b', '/'])('lets %s through', (path) => {
    expect(hasMalformedEncoding(path)).toBe(false);
  });
});
