/**
 * HSTS on every answer when APP_URL is https, the redirect to sign-in
 * included (the proxy's answers; scripts/serve.ts sets it on every response
 * with the same hstsFor()).
 */
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { HSTS, hstsFor } from './hsts';

const saved = process.env.APP_URL;
afterEach(() => {
  process.env.APP_URL = saved;
});

describe('HSTS', () => {
  it('is on for an https APP_URL only', () => {
    expect(hstsFor('https://licenses.example.com')).toBe(HSTS);
    expect(hstsFor('HTTPS://Licenses.example.com')).toBe(HSTS);
    expect(hstsFor('not a url')).toBeNull();
    expect(hstsFor('http://127.0.0.1:3000')).toBeNull();
    expect(hstsFor(undefined)).toBeNull();
  });

  it('is on the 307 that sends a signed-out request to sign-in, on refusals and on pages', () => {
    process.env.APP_URL = 'https://licenses.example.com';
    const redirect = proxy(new NextRequest('http://internal:3000/inventory?account=1'));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe('https://licenses.example.com/sign-in?callbackUrl=%2Finventory%3Faccount%3D1');
    expect(redirect.headers.get('strict-transport-security')).toBe(HSTS);
    const refused = proxy(new NextRequest('http://internal:3000/sign-in', { method: 'POST', headers: { origin: 'https://evil.example' } }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('strict-transport-security')).toBe(HSTS);
    const page = proxy(new NextRequest('http://internal:3000/sign-in'));
    expect(page.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('is off with an http APP_URL', () => {
    process.env.APP_URL = 'http://127.0.0.1:3000';
    expect(proxy(new NextRequest('http://127.0.0.1:3000/inventory')).headers.get('strict-transport-security')).toBeNull();
  });

  it('refuses a form posted from https://host when APP_URL is http://host', () => {
    process.env.APP_URL = 'http://portal.example:3000';
    const response = proxy(new NextRequest('http://portal.example:3000/sign-in', { method: 'POST', headers: { origin: 'https://portal.example:3000', host: 'portal.example:3000' } }));
    expect(response.status).toBe(403);
  });
});
