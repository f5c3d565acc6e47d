/**
 * Whole numbers typed in a form (quantities, terms): digits only, at most
 * nine, as the person typed them. Each failure names its own catalogue key,
 * so the form can say which rule the value broke.
 */
import { z } from 'zod';

/** Digits only (at most 9), as a number; `whole` is the catalogue key when it is not. */
export function wholeNumber(whole: string) {
  return z.string().trim().regex(/^\d{1,9}$/, whole).transform(Number);
}

/** A required whole number from 1 to `max`: `required` when empty, `whole` when not digits, `range` when out of range. */
export function wholeNumberField(keys: { required: string; whole: string; range: string }, max: number) {
  return z.string().trim().min(1, keys.required).pipe(wholeNumber(keys.whole)).pipe(z.number().min(1, keys.range).max(max, keys.range));
}
