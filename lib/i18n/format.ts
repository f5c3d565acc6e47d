/**
 * Dates and numbers in the reader's language, never ISO on a page: `24/11/2026` in
 * French, `Nov 24, 2026` in English; thousands separators per language.
 * Calendar dates (YYYY-MM-DD) are formatted in UTC so they never shift a day.
 */
import type { Locale } from '@/db/schema';
import { fractionDigitsOf, minorToDecimal } from '@/lib/orders/money';

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
};

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};

export function formatDate(locale: Locale, isoDate: string): string {
  return dateFormats[locale].format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * Formats that depend on a time zone, made once per language, zone and kind:
 * creating an Intl.DateTimeFormat costs far more than using one, and a list
 * (the activity log, the people) formats an instant on every row.
 */
const zonedFormats = new Map<string, Intl.DateTimeFormat>();
function zonedFormat(locale: Locale, timeZone: string, kind: 'instant' | 'time'): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${kind}`;
  let format = zonedFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = kind === 'instant' ? { dateStyle: 'short', timeStyle: 'short', timeZone } : { hour: '2-digit', minute: '2-digit', timeZone };
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-US', options);
    zonedFormats.set(key, format);
  }
  return format;
}

export function formatInstant(locale: Locale, epochMs: number, timeZone: string): string {
  return zonedFormat(locale, timeZone, 'instant').format(new Date(epochMs));
}

export function formatTime(locale: Locale, epochMs: number, timeZone: string): string {
  return zonedFormat(locale, timeZone, 'time').format(new Date(epochMs));
}

export function formatCount(locale: Locale, value: number): string {
  return numberFormats[locale].format(value);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(locale: Locale, currency: string | null, digits: number): Intl.NumberFormat {
  const key = `${locale} ${currency ?? ''} ${digits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-US';
    const fraction = { minimumFractionDigits: digits, maximumFractionDigits: digits };
    try {
      format = new Intl.NumberFormat(tag, currency ? { style: 'currency', currency, ...fraction } : fraction);
    } catch {
      // An unknown currency code: the amount alone (the code is added after it).
      format = new Intl.NumberFormat(tag, fraction);
    }
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * An amount in minor units in the reader's language, with exactly the digits
 * of the currency's minor unit: 51250 CAD is "512,50 $" in French and
 * "CA$512.50" in English. Formatted from its exact decimal string.
 */
export function formatMoney(locale: Locale, minor: number, currency: string | null, digits = fractionDigitsOf(currency)): string {
  const format = moneyFormat(locale, currency, digits);
  // Intl formats a decimal string exactly (no conversion to a binary fraction on the way).
  const text = format.format(minorToDecimal(minor, digits) as unknown as number);
  return currency && format.resolvedOptions().style !== 'currency' ? `${text} ${currency}` : text;
}
