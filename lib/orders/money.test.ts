/**
 * Money of orders, exact: prices typed as text into integers of minor units,
 * amounts and totals as integer products and sums, and the limits that keep
 * them exact.
 */
import { describe, expect, it } from 'vitest';
import { fractionDigitsOf, itemAmountMinor, MAX_UNIT_PRICE, minorToDecimal, orderTotalMinor, parsePrice, totalFits } from './money';
import { MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS } from './form';

describe('parsePrice', () => {
  it('reads a point or a comma before the decimals, and spaces between groups of three', () => {
    expect(parsePrice('512.5', 2)).toEqual({ ok: true, minor: 51250 });
    expect(parsePrice('512,50', 2)).toEqual({ ok: true, minor: 51250 });
    expect(parsePrice(' 1 234,56 ', 2)).toEqual({ ok: true, minor: 123456 });
    expect(parsePrice('123\u00a0456,7', 2)).toEqual({ ok: true, minor: 12345670 });
    expect(parsePrice('12\u202f345.8', 2)).toEqual({ ok: true, minor: 1234580 });
    expect(parsePrice('98', 2)).toEqual({ ok: true, minor: 9800 });
    expect(parsePrice('0', 2)).toEqual({ ok: true, minor: 0 });
    expect(parsePrice('98000', 0)).toEqual({ ok: true, minor: 98000 });
  });

  it('is exact where a binary fraction is not: 0.29 and 1.005 stay what was typed', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(parsePrice('0.29', 2)).toEqual({ ok: true, minor: 29 });
    expect(parsePrice('1.005', 3)).toEqual({ ok: true, minor: 1005 });
    expect(parsePrice('4.35', 2)).toEqual({ ok: true, minor: 435 });
  });

  it('refuses what is not a price, more decimals than the currency has, and more than the limit', () => {
    for (const typed of ['', 'abc', '-5', '+5', '1e3', '12.', '.5', '1,234.56', '1 23', '12 345 6', '5 €', '1..2']) {
      expect(parsePrice(typed, 2), typed).toEqual({ ok: false, error: 'priceFormat' });
    }
    expect(parsePrice('10.005', 2)).toEqual({ ok: false, error: 'priceDecimals' });
    expect(parsePrice('10.5', 0)).toEqual({ ok: false, error: 'priceDecimals' });
    expect(parsePrice(String(MAX_UNIT_PRICE), 2)).toEqual({ ok: true, minor: MAX_UNIT_PRICE * 100 });
    expect(parsePrice(`${MAX_UNIT_PRICE}.01`, 2)).toEqual({ ok: false, error: 'priceRange' });
    expect(parsePrice('99999999999999999999999', 2)).toEqual({ ok: false, error: 'priceRange' });
  });
});

describe('amounts and totals', () => {
  it('multiply and add integers of minor units', () => {
    expect(itemAmountMinor(10, 51250)).toBe(512_500);
    expect(itemAmountMinor(3, null)).toBeNull();
    // 0.1 + 0.2 in cents: 30, not 30.000000000000004.
    expect(orderTotalMinor([{ quantity: 1, unitPriceMinor: 10 }, { quantity: 1, unitPriceMinor: 20 }])).toBe(30);
    expect(orderTotalMinor([{ quantity: 3, unitPriceMinor: 1999 }, { quantity: 2, unitPriceMinor: null }, { quantity: 7, unitPriceMinor: 1 }])).toBe(6004);
  });

  it('has no total when no item has a price, and a total of zero for free items', () => {
    expect(orderTotalMinor([{ quantity: 3, unitPriceMinor: null }])).toBeNull();
    expect(orderTotalMinor([])).toBeNull();
    expect(orderTotalMinor([{ quantity: 3, unitPriceMinor: 0 }])).toBe(0);
  });

  it('keeps the largest order the form allows exact, and refuses a total beyond exact integers', () => {
    const largest = Array.from({ length: MAX_ORDER_ITEMS }, () => ({ quantity: MAX_ITEM_QUANTITY, unitPriceMinor: MAX_UNIT_PRICE * 100 }));
    expect(orderTotalMinor(largest)).toBe(MAX_ORDER_ITEMS * MAX_ITEM_QUANTITY * MAX_UNIT_PRICE * 100);
    expect(Number.isSafeInteger(orderTotalMinor(largest))).toBe(true);
    const tooLarge = [{ quantity: Number.MAX_SAFE_INTEGER, unitPriceMinor: 2 }];
    expect(() => orderTotalMinor(tooLarge)).toThrow(RangeError);
    expect(totalFits(tooLarge)).toBe(false);
    expect(totalFits(largest)).toBe(true);
  });
});

describe('minorToDecimal and fractionDigitsOf', () => {
  it('writes minor units as an exact decimal of major units', () => {
    expect(minorToDecimal(51250, 2)).toBe('512.50');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(98000, 0)).toBe('98000');
    expect(minorToDecimal(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
  });

  it('knows the digits of a currency, two when it does not', () => {
    expect(fractionDigitsOf('EUR')).toBe(2);
    expect(fractionDigitsOf('JPY')).toBe(0);
    expect(fractionDigitsOf('KWD')).toBe(3);
    expect(fractionDigitsOf(null)).toBe(2);
    expect(fractionDigitsOf('XX1')).toBe(2);
  });
});
