import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatMoney } from './format';

describe('formatDate', () => {
  it('writes calendar dates the way each language reads them', () => {
    expect(formatDate('fr', '2026-11-24')).toBe('24/11/2026');
    expect(formatDate('en', '2026-11-24')).toBe('Nov 24, 2026');
    expect(formatDate('fr', '2027-01-01')).toBe('01/01/2027');
  });
});

describe('formatCount', () => {
  it('groups thousands per language', () => {
    expect(formatCount('en', 12500)).toBe('12,500');
    expect(formatCount('fr', 12500).replace(/\s/g, ' ')).toBe('12 500');
  });
});

describe('formatMoney', () => {
  it('shows minor units in the currency, with exactly its digits, in each language', () => {
    expect(formatMoney('en', 51250, 'CAD')).toBe('CA$512.50');
    expect(formatMoney('fr', 51250, 'CAD').replace(/\s/g, ' ')).toBe('512,50 $CA');
    expect(formatMoney('en', 123456789, 'EUR')).toBe('€1,234,567.89');
    expect(formatMoney('fr', 123456789, 'EUR').replace(/\s/g, ' ')).toBe('1 234 567,89 €');
    expect(formatMoney('en', 98000, 'JPY', 0)).toBe('¥98,000');
  });

  it('is exact beyond what a binary fraction holds', () => {
    // 90071992547409.91 is not a double: formatted from its decimal string, not from a number.
    expect(formatMoney('en', Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
  });

  it('shows an unknown currency code after the amount, and no currency as a plain amount', () => {
    expect(formatMoney('en', 1050, 'XX1')).toBe('10.50 XX1');
    expect(formatMoney('en', 1050, null)).toBe('10.50');
  });
});
