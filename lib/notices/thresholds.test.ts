import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/clock';
import { dueThreshold, EXPIRED_NOTICE_DAYS } from './thresholds';

const TODAY = '2026-11-24';
const due = (days: number, thresholds = [90, 30]) => dueThreshold(TODAY, addDays(TODAY, days), thresholds);

describe('dueThreshold', () => {
  it('gives the smallest threshold reached, at the boundaries', () => {
    expect(due(91)).toBeNull();
    expect(due(90)).toBe('90');
    expect(due(31)).toBe('90');
    expect(due(30)).toBe('30');
    expect(due(1)).toBe('30');
    expect(due(0)).toBe('30');
  });

  it('announces an expiration that has passed, for a while only', () => {
    expect(due(-1)).toBe('expired');
    expect(due(-EXPIRED_NOTICE_DAYS)).toBe('expired');
    expect(due(-EXPIRED_NOTICE_DAYS - 1)).toBeNull();
  });

  it('follows other thresholds, in any order', () => {
    expect(due(8, [7, 60, 14])).toBe('14');
    expect(due(7, [7, 60, 14])).toBe('7');
    expect(due(61, [7, 60, 14])).toBeNull();
  });
});
