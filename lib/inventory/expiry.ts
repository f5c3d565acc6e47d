/**
 * The expiry status of a line, in TypeScript and in SQL, from one place:
 * whole calendar days from today to the next expiration decide the marker —
 * expired (past), imminent (0–30 days: the date in red and "Expire dans N
 * jours"), soon (31–90 days: "Expire bientôt"). Pages, exports, e-mails, the
 * "Expire bientôt" list and the partner's counts all use these.
 */
import { lte, type SQL } from 'drizzle-orm';
import { inventoryLines } from '@/db/schema';
import { addDays, daysBetween } from '@/lib/clock';

export type ExpiryStatus =
  | { kind: 'expired'; days: number }
  | { kind: 'imminent'; days: number } // 0–30 days: the date in red + "Expire dans N jours"
  | { kind: 'soon'; days: number } // 31–90 days: "Expire bientôt"
  | { kind: 'none' };

export const IMMINENT_DAYS = 30;
export const SOON_DAYS = 90;

export function expiryStatus(today: string, nextExpiration: string | null | undefined): ExpiryStatus {
  if (!nextExpiration) return { kind: 'none' };
  const days = daysBetween(today, nextExpiration);
  if (days < 0) return { kind: 'expired', days };
  if (days <= IMMINENT_DAYS) return { kind: 'imminent', days };
  if (days <= SOON_DAYS) return { kind: 'soon', days };
  return { kind: 'none' };
}

/** The last date that is still marked (today + SOON_DAYS): a line expiring on or before it is expired, imminent or soon. */
export function lastMarkedDate(today: string): string {
  return addDays(today, SOON_DAYS);
}

/** The SQL twin of "expiryStatus() is not none": a next expiration on or before lastMarkedDate() (the past included). */
export function markedExpiryCondition(today: string): SQL {
  return lte(inventoryLines.nextExpiration, lastMarkedDate(today));
}

/** markedExpiryCondition() for a raw statement in which inventory_lines is called `alias`; its parameter is lastMarkedDate(today). */
export function markedExpiryConditionText(alias: string): string {
  return `${alias}.next_expiration <= ?`;
}
