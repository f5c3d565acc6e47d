/**
 * The one parser of a calendar date written `YYYY-MM-DD` — in a search
 * parameter, a form, the configuration: a real day of the Gregorian calendar
 * (months 01–12, the month's own number of days, 29 February in leap years
 * only), years 1000 to 9999. `2026-13-01`, `2026-02-30` and `0000-00-00` are
 * not dates, so nothing downstream (date arithmetic, Intl formatting) ever
 * meets one and throws.
 */
import { z } from 'zod';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date (zod), for a form field or the configuration. */
export const calendarDate = (message = 'must be a real date written YYYY-MM-DD') => z.string().refine(isCalendarDate, { message });

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * A search parameter holding a calendar date: the first value when repeated,
 * empty as absent, and anything that is not a real date falls back to
 * undefined (the page says a parameter was ignored, never an error).
 */
export const calendarDateParam = z
  .preprocess((value) => (single(value) === '' ? undefined : single(value)), calendarDate().optional())
  .catch(undefined);
