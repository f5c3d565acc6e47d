/**
 * "Today" as a calendar date in APP_TIME_ZONE. Every rule that depends on the
 * date (expiry, demo data) asks here, so tests can fix the date with the
 * test-only LICENSE_DESK_TEST_TODAY setting and nothing flips at midnight.
 */
import { env } from './env';

/**
 * One format per time zone, made on first use: creating an Intl.DateTimeFormat
 * costs some 60 times more than formatting with one, and a page asks for
 * today on every render (the inventory, once per product row).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant in a time zone. */
export function calendarDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

export function today(): string {
  const { LICENSE_DESK_TEST_TODAY, APP_TIME_ZONE } = env();
  return LICENSE_DESK_TEST_TODAY ?? calendarDate(new Date(), APP_TIME_ZONE);
}

/** The instant a page is rendered (what a printout says it shows), in milliseconds since the epoch. */
export function renderedAt(): number {
  return Date.now();
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Adds whole months to a YYYY-MM-DD date; a day the target month lacks is its
 * last day (2026-01-31 + 1 month = 2026-02-28), as a subscription term ends.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}
