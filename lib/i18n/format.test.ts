import { describe, expect, it } from 'vitest';
import { formatCount, formatDate } from './format';

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
