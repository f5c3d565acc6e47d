import { describe, expect, it } from 'vitest';
import { HOME_PATH, safeCallbackPath } from './redirect';

describe('safeCallbackPath', () => {
  it('keeps same-origin paths with their query string', () => {
    expect(safeCallbackPath('/orders/4500012?customer=1000201')).toBe('/orders/4500012?customer=1000201');
    expect(safeCallbackPath('/inventory?account=5100203&line=12#x')).toBe('/inventory?account=5100203&line=12#x');
    expect(safeCallbackPath('/inventory?q=Montr%C3%A9al')).toBe('/inventory?q=Montr%C3%A9al');
  });

  it.each([
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
