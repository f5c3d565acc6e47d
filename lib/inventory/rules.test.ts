import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/clock';
import { expiryStatus, mostUrgent, unpaidQuantity } from './rules';

const today = '2026-11-24';

describe('expiryStatus', () => {
  it.each([
    [91, { kind: 'none' }],
    [90, { kind: 'soon', days: 90 }],
    [31, { kind: 'soon', days: 31 }],
    [30, { kind: 'imminent', days: 30 }],
    [0, { kind: 'imminent', days: 0 }],
    [-1, { kind: 'expired', days: -1 }],
  ])('%i days ahead → %o', (days, expected) => {
    expect(expiryStatus(today, addDays(today, days))).toEqual(expected);
  });

  it('has no marker without a next expiration (licences)', () => {
    expect(expiryStatus(today, null)).toEqual({ kind: 'none' });
  });

  it('counts calendar days across month and year ends and leap days', () => {
    expect(expiryStatus('2026-12-31', '2027-01-30')).toEqual({ kind: 'imminent', days: 30 });
    expect(expiryStatus('2028-02-28', '2028-03-01')).toEqual({ kind: 'imminent', days: 2 });
    expect(expiryStatus('2026-03-28', '2026-03-30')).toEqual({ kind: 'imminent', days: 2 }); // across a DST change
  });

  it('agrees with the day count for any offset (bounded property run)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (offset) => {
        const status = expiryStatus(today, addDays(today, offset));
        if (offset < 0) return status.kind === 'expired';
        if (offset <= 30) return status.kind === 'imminent' && status.days === offset;
        if (offset <= 90) return status.kind === 'soon' && status.days === offset;
        return status.kind === 'none';
      }),
      { numRuns: 300 },
    );
  });
});

describe('mostUrgent', () => {
  it('prefers expired, then the nearest date', () => {
    expect(mostUrgent([{ kind: 'soon', days: 40 }, { kind: 'imminent', days: 12 }, { kind: 'imminent', days: 3 }])).toEqual({ kind: 'imminent', days: 3 });
    expect(mostUrgent([{ kind: 'imminent', days: 0 }, { kind: 'expired', days: -30 }])).toEqual({ kind: 'expired', days: -30 });
    expect(mostUrgent([])).toEqual({ kind: 'none' });
  });
});

describe('unpaidQuantity', () => {
  it('is available minus ordered only when positive', () => {
    expect(unpaidQuantity(120, 100)).toBe(20);
    expect(unpaidQuantity(100, 100)).toBe(0);
    expect(unpaidQuantity(80, 100)).toBe(0);
  });
});
