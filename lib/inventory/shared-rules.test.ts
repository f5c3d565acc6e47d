/** The SQL twins of the unpaid and expiry rules say what their TypeScript functions say. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/clock';
import { expiryStatus, lastMarkedDate, markedExpiryConditionText } from './expiry';
import { unpaidQuantity, unpaidServiceConditionText } from './unpaid';

const sqlite = new Database(':memory:');
const TODAY = '2026-11-24';

describe('the unpaid online service', () => {
  it('is unpaid in SQL exactly when unpaidQuantity() > 0', () => {
    const unpaid = sqlite.prepare(`select ${unpaidServiceConditionText('l')} as unpaid from (select 'subscription' as kind, ? as available_count, ? as ordered_count) l`);
    for (const available of [0, 1, 5, 10])
      for (const ordered of [0, 1, 5, 10]) expect(Boolean((unpaid.get(available, ordered) as { unpaid: number }).unpaid)).toBe(unpaidQuantity(available, ordered) > 0);
    const licence = sqlite.prepare(`select ${unpaidServiceConditionText('l')} as unpaid from (select 'license' as kind, 5 as available_count, 0 as ordered_count) l`);
    expect((licence.get() as { unpaid: number }).unpaid).toBe(0);
  });
});

describe('the expiry marker', () => {
  it('is set in SQL exactly when expiryStatus() is not none', () => {
    const marked = sqlite.prepare(`select ${markedExpiryConditionText('l')} as marked from (select ? as next_expiration) l`);
    for (const days of [-400, -1, 0, 1, 30, 31, 89, 90, 91, 365]) {
      const date = addDays(TODAY, days);
      expect(Boolean((marked.get(lastMarkedDate(TODAY), date) as { marked: number }).marked), `${days} days`).toBe(expiryStatus(TODAY, date).kind !== 'none');
    }
  });
});
