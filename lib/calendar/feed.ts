/**
 * The private calendar feed: one all-day event per online service
 * expiration a user may see, at a secret address that needs no session.
 * Only the secret's SHA-256 hash is stored; a new secret revokes the old one.
 */
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calendarFeedSecrets, inventoryLines, products, purchaseAccounts, users } from '@/db/schema';
import { accountScope, loadViewer, type Viewer } from '@/lib/auth/scope';
import { addDays } from '@/lib/clock';
import { DEFAULT_LOCALE } from '@/lib/i18n/locale';
import { localNameSql } from '@/lib/i18n/names';
import { hrefWith } from '@/lib/url';
import { statement } from '@/db/statements';
import { withTransaction } from '@/db/transaction';

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A new secret for the user (the old one, if any, is revoked); returns the secret, shown once. */
export async function issueCalendarSecret(db: Db, userId: number, now: number): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await withTransaction(db, async (tx) => {
    await revokeCalendarSecrets(tx, userId, now);
    await tx.insert(calendarFeedSecrets).values({ userId, secretHash: hash(secret), createdAt: now });
  });
  return secret;
}

export async function revokeCalendarSecrets(db: Db, userId: number, now: number): Promise<void> {
  await db.update(calendarFeedSecrets).set({ revokedAt: now }).where(and(eq(calendarFeedSecrets.userId, userId), isNull(calendarFeedSecrets.revokedAt)));
}

export async function hasCalendarFeed(db: Db, userId: number): Promise<boolean> {
  return !!(await db.select({ id: calendarFeedSecrets.id }).from(calendarFeedSecrets).where(and(eq(calendarFeedSecrets.userId, userId), isNull(calendarFeedSecrets.revokedAt))).limit(1))[0];
}

/** The user a current secret belongs to (active users only), or null. */
export async function userOfCalendarSecret(db: Db, secret: string): Promise<{ id: number; sessionVersion: number } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return (
    (await db
      .select({ id: users.id, sessionVersion: users.sessionVersion })
      .from(calendarFeedSecrets)
      .innerJoin(users, eq(users.id, calendarFeedSecrets.userId))
      .where(and(eq(calendarFeedSecrets.secretHash, hash(secret)), isNull(calendarFeedSecrets.revokedAt), eq(users.active, true)))
      .limit(1))[0] ?? null
  );
}

export interface CalendarEvent {
  uid: string;
  date: string;
  summary: string;
  url: string;
}

/** How far ahead (and back) the feed looks: a calendar shows the coming year and the recent past. */
const AHEAD_DAYS = 400;
const BACK_DAYS = 60;

async function eventsOf(db: Db, viewer: Viewer, appUrl: string, today: string, customerNumber?: string): Promise<CalendarEvent[]> {
  // The product named in the feed's owner's language (French when they chose none, as their e-mails).
  const product = localNameSql(products.name, products.nameEn, viewer.locale ?? DEFAULT_LOCALE);
  return (await db
    .select({ id: inventoryLines.id, date: inventoryLines.nextExpiration, product, account: purchaseAccounts.number, accountName: purchaseAccounts.name })
    .from(inventoryLines)
    .innerJoin(purchaseAccounts, eq(purchaseAccounts.id, inventoryLines.purchaseAccountId))
    .innerJoin(products, eq(products.id, inventoryLines.productId))
    .where(and(accountScope(viewer), eq(inventoryLines.kind, 'subscription')))
    )
    .filter((row): row is typeof row & { date: string } => !!row.date && row.date >= addDays(today, -BACK_DAYS) && row.date <= addDays(today, AHEAD_DAYS))
    .map((row) => ({
      // Stable per line and date: a renewal is a new event, the same one is never duplicated.
      uid: `line-${row.id}-${row.date}@license-desk`,
      date: row.date,
      summary: `${row.product} — ${row.account} ${row.accountName}`,
      url: `${new URL(hrefWith('/inventory', { customer: customerNumber, account: row.account, line: row.id }), appUrl).toString()}#line-${row.id}`,
    }));
}

/** The customers a partner serves (partner of record of at least one of their accounts), by number. */
async function servedCustomerNumbers(db: Db, partnerId: number): Promise<string[]> {
  return (await statement<{ number: string }>(db, 'select distinct c.number from purchase_accounts a join customers c on c.id = a.customer_id where a.partner_id = ? order by c.number')
    .all(partnerId))
    .map((row) => row.number);
}

/** Every expiration the user may see: their customer's, or for a partner user those of every customer it serves. */
export async function calendarEvents(db: Db, user: { id: number; sessionVersion: number }, appUrl: string, today: string): Promise<CalendarEvent[]> {
  const viewer = (await loadViewer(db, user.id, user.sessionVersion));
  if (!viewer) return [];
  if (viewer.role !== 'partner_user') return (await eventsOf(db, viewer, appUrl, today));
  const events: CalendarEvent[] = [];
  for (const number of await servedCustomerNumbers(db, viewer.partner.id)) {
    const served = await loadViewer(db, user.id, user.sessionVersion, number);
    if (served?.customer) events.push(...(await eventsOf(db, served, appUrl, today, number)));
  }
  return events;
}

/** Control characters an iCalendar TEXT value cannot hold (all of Unicode's Cc but the tab). */
const UNWRITABLE_CONTROL = /(?!\t)\p{Cc}/gu;

/**
 * Text escaped for an iCalendar value (RFC 5545 §3.3.11): backslash, `;` and
 * `,` escaped; every line break — CRLF, a lone LF or a lone CR — written
 * `\n`; any other control character (which the format does not allow, and
 * which data written before the import refused them may still hold) becomes
 * a space. Nothing raw can end the line or start a property of its own.
 */
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(UNWRITABLE_CONTROL, ' ');
}

/** A content line folded at 75 octets (RFC 5545 §3.1), CRLF-terminated. */
function fold(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return `${line}\r\n`;
  const parts: string[] = [];
  let current = '';
  for (const character of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + character, 'utf8') > limit) {
      parts.push(current);
      current = '';
    }
    current += character;
  }
  parts.push(current);
  return `${parts.join('\r\n ')}\r\n`;
}

/** The feed as an iCalendar document: one all-day event per expiration. */
export function toICalendar(events: CalendarEvent[], name: string, stamp: Date): string {
  const dtstamp = stamp.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//License Desk//Expirations//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${event.date.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${addDays(event.date, 1).replace(/-/g, '')}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.url)}`,
      `URL:${event.url}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('');
}
