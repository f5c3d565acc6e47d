import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale } from './locale';

describe('localeFromAcceptLanguage', () => {
  it('takes the best-ranked supported language', () => {
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,en-US;q=0.8,fr;q=0.7')).toBe('en');
    expect(localeFromAcceptLanguage('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(localeFromAcceptLanguage('en;q=0.2, fr;q=0.5')).toBe('fr');
  });
  it('ignores languages refused with q=0 and unsupported ones', () => {
    expect(localeFromAcceptLanguage('fr;q=0, en')).toBe('en');
    expect(localeFromAcceptLanguage('de, es')).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
  });
});

describe('resolveLocale', () => {
  it('prefers the stored choice, then the cookie, then the browser, then French', () => {
    expect(resolveLocale({ userLocale: 'en', cookie: 'fr', acceptLanguage: 'fr' })).toBe('en');
    expect(resolveLocale({ userLocale: null, cookie: 'en', acceptLanguage: 'fr' })).toBe('en');
    expect(resolveLocale({ cookie: 'xx', acceptLanguage: 'en-GB' })).toBe('en');
    expect(resolveLocale({})).toBe('fr');
  });
});
