import { describe, expect, it } from 'vitest';
import { msUntilNext } from './schedule';

const MINUTE = 60_000;

describe('msUntilNext', () => {
  it('counts to the next time of day in the time zone', () => {
    expect(msUntilNext(new Date('2026-11-24T06:00:00Z'), 'UTC', '06:30')).toBe(30 * MINUTE);
    expect(msUntilNext(new Date('2026-11-24T06:45:00Z'), 'UTC', '06:30')).toBe((24 * 60 - 15) * MINUTE);
    // Montréal is UTC−5 in November: 06:30 there is 11:30 UTC.
    expect(msUntilNext(new Date('2026-11-24T11:00:00Z'), 'America/Toronto', '06:30')).toBe(30 * MINUTE);
  });

  it('waits a whole day when it is that time now, and counts seconds', () => {
    expect(msUntilNext(new Date('2026-11-24T06:30:00Z'), 'UTC', '06:30')).toBe(24 * 60 * MINUTE);
    expect(msUntilNext(new Date('2026-11-24T06:29:30Z'), 'UTC', '06:30')).toBe(30_000);
  });
});
