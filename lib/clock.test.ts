import { describe, expect, it } from 'vitest';
import { addDays, addMonths, calendarDate, daysBetween } from './clock';

describe('calendar arithmetic', () => {
  it('adds months, keeping the day when the month has it', () => {
    expect(addMonths('2026-12-04', 12)).toBe('2027-12-04');
    expect(addMonths('2026-03-15', 1)).toBe('2026-04-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('ends on the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });

  it('agrees with days for whole years', () => {
    expect(daysBetween('2026-12-04', addMonths('2026-12-04', 24))).toBe(731);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('calendarDate', () => {
  it('gives the date in each time zone asked for, again and again (one format kept per zone)', () => {
    const instant = new Date('2026-12-04T03:30:00Z');
    for (let i = 0; i < 3; i++) {
      expect(calendarDate(instant, 'UTC')).toBe('2026-12-04');
      expect(calendarDate(instant, 'America/Toronto')).toBe('2026-12-03');
      expect(calendarDate(instant, 'Asia/Tokyo')).toBe('2026-12-04');
    }
    expect(calendarDate(new Date('2026-12-04T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-12-05');
  });
});
