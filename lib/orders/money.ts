/**
 * Money of orders, exact: every amount is an integer of the currency's minor
 * unit (cents), never a binary fraction. A price typed as text is read digit
 * by digit into minor units; an item's amount and an order's total are
 * products and sums of integers, computed in BigInt and refused when they
 * would leave the integers a JavaScript number (and SQLite) holds exactly; an
 * amount is shown by handing Intl.NumberFormat its decimal string, so
 * 0.1 + 0.2 never happens anywhere.
 */
/** The currencies a partner chooses from in the order form (imported orders may carry any ISO 4217 code). */
export const ORDER_CURRENCIES = ['EUR', 'CAD', 'USD', 'GBP', 'CHF'] as const;
export type OrderCurrency = (typeof ORDER_CURRENCIES)[number];
/** The currency an order starts with when nothing better is known. */
export const DEFAULT_CURRENCY: OrderCurrency = 'EUR';

/** The highest unit price typed in the form, in major units: 50 items of 1,000,000 × 1,000,000.00 still fit exactly. */
export const MAX_UNIT_PRICE = 1_000_000;

/** Digits after the decimal point in a currency's minor unit (2 when unknown or absent). */
export function fractionDigitsOf(currency: string | null | undefined): number {
  if (!currency) return 2;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type PriceParse = { ok: true; minor: number } | { ok: false; error: 'priceFormat' | 'priceDecimals' | 'priceRange' };

/**
 * A unit price as typed — `1234.5`, `1 234,50`, `98` — into minor units of a
 * currency with `digits` decimals. One decimal separator (a point or a
 * comma), spaces (ordinary, non-breaking or narrow) only between groups of
 * three digits. No sign, no exponent, no currency symbol.
 */
export function parsePrice(typed: string, digits: number, maxMajor = MAX_UNIT_PRICE): PriceParse {
  const text = typed.trim();
  const match = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/.exec(text);
  if (!match) return { ok: false, error: 'priceFormat' };
  const whole = match[1]!.replace(/[ \u00a0\u202f]/g, '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return { ok: false, error: 'priceDecimals' };
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(maxMajor) * 10n ** BigInt(digits)) return { ok: false, error: 'priceRange' };
  return { ok: true, minor: Number(minor) };
}

/** A number of minor units as an exact decimal string of major units: 51250, 2 → "512.50"; -5, 2 → "-0.05". */
export function minorToDecimal(minor: number | bigint, digits: number): string {
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const digitsText = (value < 0n ? -value : value).toString().padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${digitsText}`;
  return `${sign}${digitsText.slice(0, -digits)}.${digitsText.slice(-digits)}`;
}

/** An integer that a JavaScript number and an SQLite integer both hold exactly, or an error. */
function exact(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError(`amount ${value} is too large to be kept exactly`);
  return Number(value);
}

/** An item's amount: its quantity times its unit price, in minor units; null when it has no price. */
export function itemAmountMinor(quantity: number, unitPriceMinor: number | null): number | null {
  return unitPriceMinor === null ? null : exact(BigInt(quantity) * BigInt(unitPriceMinor));
}

/** An order's total: the sum of its priced items' amounts, in minor units; null when no item has a price. */
export function orderTotalMinor(items: readonly { quantity: number; unitPriceMinor: number | null }[]): number | null {
  let total: bigint | null = null;
  for (const item of items) {
    if (item.unitPriceMinor === null) continue;
    total = (total ?? 0n) + BigInt(quantityTimes(item.quantity, item.unitPriceMinor));
  }
  return total === null ? null : exact(total);
}

const quantityTimes = (quantity: number, unitPriceMinor: number) => BigInt(quantity) * BigInt(unitPriceMinor);

/** Whether an order's items fit an exact total (an import may carry prices and quantities too large for one). */
export function totalFits(items: readonly { quantity: number; unitPriceMinor: number | null }[]): boolean {
  try {
    orderTotalMinor(items);
    return true;
  } catch {
    return false;
  }
}
