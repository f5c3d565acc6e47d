import { describe, expect, it } from 'vitest';
import { HOME_PATH, safeCallbackPath } from './redirect';

describe('safeCallbackPath', () => {
  it('keeps same-origin paths with their query string', () => {
    expect(safeCallbackPath('/orders/4500012?customer=1000201')).toBe('/orders/4500012?customer=1000201');
    expect(safeCallbackPath('/inventory?account=5100203&line=12#x')).toBe('/inventory?account=5100203&line=12#x');
    expect(safeCallbackPath('/inventory?q=Montr%C3%A9al')).toBe('/inventory?q=Montr%C3%A9al');
  });

  it('percent-encodes characters a Location header cannot carry', () => {
    expect(safeCallbackPath('/inventory?q=Łódź€✓')).toBe('/inventory?q=%C5%81%C3%B3d%C5%BA%E2%82%AC%E2%9C%93');
    expect(safeCallbackPath('/orders/Ā#é')).toBe('/orders/%C4%80#%C3%A9');
    for (const value of ['/inventory?q=Łódź€✓', '/ā/ē?x=ī#ō']) expect(safeCallbackPath(value)).toMatch(/^[\x21-\x7e]+$/);
  });

  it.each([
    '/.//evil.example',
    '/./\\evil.example',
    '/a/..//evil.example',
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '%2F%5Cevil.example',
    'https%3A%2F%2Fevil.example',
    'javascript%3Aalert(1)',
    '/%252F%252Fevil.example',
    '/\tevil',
    ' /inventory',
    '',
    'inventory',
  ])('sends %s to the home page', (value) => {
    expect(safeCallbackPath(value)).toBe(HOME_PATH);
  });

  it('rejects non-strings and overlong values', () => {
    expect(safeCallbackPath(undefined)).toBe(HOME_PATH);
    expect(safeCallbackPath(['/x'])).toBe(HOME_PATH);
    expect(safeCallbackPath(`/${'a'.repeat(3000)}`)).toBe(HOME_PATH);
  });
});
