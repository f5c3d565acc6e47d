import { describe, expect, it } from 'vitest';
import { hasMalformedEncoding } from './error-page';
import { isSameOriginRequest, needsOriginCheck } from './same-origin';

const APP = 'https://licenses.example.com';
const headers = (values: Record<string, string>) => new Headers(values);

describe('isSameOriginRequest', () => {
  it('accepts APP_URL’s origin and the host the request was sent to', () => {
    expect(isSameOriginRequest(headers({ origin: APP, host: 'internal:3000' }), APP)).toBe(true);
    expect(isSameOriginRequest(headers({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }), APP)).toBe(true);
    expect(isSameOriginRequest(headers({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }), null)).toBe(true);
  });

  it('refuses another origin, an opaque one, and a malformed one', () => {
    expect(isSameOriginRequest(headers({ origin: 'https://evil.example', host: 'licenses.example.com' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'https://licenses.example.com.evil.example', host: 'licenses.example.com' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'null', host: 'licenses.example.com' }), APP)).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'not a url', host: 'licenses.example.com' }), APP)).toBe(false);
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
