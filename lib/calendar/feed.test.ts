/**
 * The private calendar feed against a migrated database: a secret shows its
 * user's expirations only (a partner's, every customer it serves, with links
 * into each customer's view), parses as iCalendar, and stops when revoked or
 * replaced.
 */
import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { purchaseAccounts } from '@/db/schema';
import type { Db } from '@/db/client';
import { all, createTestDb, onPostgres } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_TODAY, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { calendarEvents, hasCalendarFeed, issueCalendarSecret, revokeCalendarSecrets, toICalendar, userOfCalendarSecret } from './feed';

let db: Db;
const APP_URL = 'https://portal.example';
const NOW = Date.parse('2026-11-24T08:00:00Z');

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
});

const feedOf = async (email: string) => {
  const secret = (await issueCalendarSecret(db, (await viewerOf(db, email)).userId, NOW));
  return { secret, events: (await calendarEvents(db, (await userOfCalendarSecret(db, secret))!, APP_URL, FIXTURE_TODAY)) };
};

describe('the calendar feed', () => {
  it('holds the expirations its user may see, each with a deep link', async () => {
    const admin = (await feedOf(U.alphaAdmin)).events;
    expect(admin.map((event) => [event.date, event.summary])).toEqual([['2026-12-10', `Office 365 E3 — ${A.alphaNorth} Alpha Montréal`]]);
    expect(admin[0]!.url).toMatch(new RegExp(`^${APP_URL}/inventory\\?account=${A.alphaNorth}&line=\\d+#line-\\d+$`));
    expect((await feedOf(U.betaViewer)).events.map((event) => event.date)).toEqual(['2027-03-01']);
    // A partner: the lines of every customer it serves, in that customer's view.
    const north = (await feedOf(U.northPartner)).events;
    expect(north.map((event) => event.url.replace(/line=\d+#line-\d+/, 'line=N'))).toEqual([`${APP_URL}/inventory?customer=2000001&account=${A.alphaNorth}&line=N`]);
    expect((await feedOf(U.southPartner)).events.map((event) => event.url)).toEqual([expect.stringContaining(`customer=2000002&account=${A.betaSouth}`)]);
  });

  it('is valid iCalendar: one all-day event per expiration, folded and escaped', async () => {
    const events = (await feedOf(U.alphaAdmin)).events.map((event) => ({ ...event, summary: `${event.summary}; with, commas and a very long name to fold beyond seventy-five octets é` }));
    const text = toICalendar(events, 'License Desk', new Date(NOW));
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const [event] = calendar.getAllSubcomponents('vevent');
    expect(event!.getFirstPropertyValue('summary')).toBe(events[0]!.summary);
    const start = event!.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect([start.isDate, start.toString()]).toEqual([true, '2026-12-10']);
    expect(event!.getFirstPropertyValue('url')).toBe(events[0]!.url);
  });

  it('escapes every control character a name already in the database holds: no bare CR, LF or other control reaches a line', async () => {
    // Written before the import refused control characters: the feed must still be well-formed.
    // PostgreSQL's text cannot hold NUL at all (db/postgres.ts binds it as U+FFFD): there, another C0 control stands in its place.
    const nul = onPostgres() ? '\u0001' : '\u0000';
    await db.update(purchaseAccounts).set({ name: `Alpha\rMontréal\nNord\r\nEst${nul}\u001b[31m\u007f\u0085\tfin` }).where(eq(purchaseAccounts.number, A.alphaNorth));
    const events = (await feedOf(U.alphaAdmin)).events;
    expect(events[0]!.summary).toContain('Alpha\rMontréal');
    const text = toICalendar(events, 'License\rDesk', new Date(NOW));
    // Every CR is the first half of a content line's CRLF; nothing else of Cc but the tab and those line ends.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/(?!\t)\p{Cc}/u);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(text).toContain('\r\nX-WR-CALNAME:License\\nDesk\r\n');
    const [event] = calendar.getAllSubcomponents('vevent');
    expect(event!.getFirstPropertyValue('summary')).toBe(`Office 365 E3 — ${A.alphaNorth} Alpha\nMontréal\nNord\nEst  [31m  \tfin`);
  });

  it('stops when revoked, and a new address replaces the old one', async () => {
    const userId = (await viewerOf(db, U.alphaAdmin)).userId;
    const first = (await issueCalendarSecret(db, userId, NOW));
    const second = (await issueCalendarSecret(db, userId, NOW));
    expect((await userOfCalendarSecret(db, first))).toBeNull();
    expect((await userOfCalendarSecret(db, second))).not.toBeNull();
    await revokeCalendarSecrets(db, userId, NOW);
    expect((await userOfCalendarSecret(db, second))).toBeNull();
    expect((await hasCalendarFeed(db, userId))).toBe(false);
    expect((await userOfCalendarSecret(db, 'not-a-secret'))).toBeNull();
    // Only the hash is stored.
    expect(JSON.stringify(await all(db, 'select * from calendar_feed_secrets'))).not.toContain(second);
  });
});
