import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateParam, isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    for (const date of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31', '1000-01-01', '9999-12-31']) expect(isCalendarDate(date), date).toBe(true);
    for (const date of ['2026-13-01', '0000-00-00', '2026-00-10', '2026-02-29', '1900-02-29', '2026-04-31', '2026-01-00', '0999-12-31', '2026-1-01', ' 2026-01-01', '2026-01-01T00:00', '', '２０２６-01-01'])
      expect(isCalendarDate(date), date).toBe(false);
    expect(isCalendarDate(20260101)).toBe(false);
  });

  it('agrees with the calendar for every day of a few centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), (year, month, day) => {
        const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const date = new Date(`${text}T00:00:00Z`);
        const real = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
        expect(isCalendarDate(text)).toBe(real);
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendarDateParam', () => {
  it('keeps a real date, takes the first of repeated values, and drops anything else', () => {
    expect(calendarDateParam.parse('2026-11-24')).toBe('2026-11-24');
    expect(calendarDateParam.parse(['2026-11-24', 'x'])).toBe('2026-11-24');
    expect(calendarDateParam.parse('2026-13-01')).toBeUndefined();
    expect(calendarDateParam.parse('0000-00-00')).toBeUndefined();
    expect(calendarDateParam.parse('')).toBeUndefined();
    expect(calendarDateParam.parse(undefined)).toBeUndefined();
  });
});
