import * as z from 'zod/mini';
import { CurrencyCode, currencyExponent } from './currency.js';

/**
 * An amount of money: a non-negative safe integer in the currency's minor unit (cents for EUR,
 * yen for JPY, fils for KWD) and its ISO 4217 code. Never a float.
 */
export const Money = z.object({
  amount: z.int().check(z.minimum(0, 'an amount is never negative')),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** Whether a percentage has at most two decimals: `percentOf` works in hundredths of a percent. */
export function hasAtMostTwoDecimals(percent: number): boolean {
  return Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-9;
}

/** Thrown when two amounts in different currencies meet in one calculation. */
export class CurrencyMismatchError extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`currency mismatch: expected ${expected}, got ${actual}`);
    this.name = 'CurrencyMismatchError';
  }
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

/**
 * `percent` % of `price`, in minor units.
 *
 * Rounding rule (the only one in Amicable): the exact product is rounded to the nearest minor
 * unit, halves rounded up (away from zero, since amounts are never negative). 12.5 % of 1.01 EUR
 * is 12.625 cents, which becomes 13 cents. Computed with BigInt so that it is exact for every
 * safe-integer amount.
 *
 * Throws a `RangeError` for a percentage outside 0..100 or with more than two decimals, and for a
 * price that is not valid `Money` (a fraction of a minor unit, a negative or unsafe amount, an
 * unknown currency).
 */
export function percentOf(price: Money, percent: number): Money {
  if (!(percent >= 0 && percent <= 100)) throw new RangeError(`percent out of range: ${percent}`);
  // Working in hundredths of a percent would silently round a third decimal away.
  if (!hasAtMostTwoDecimals(percent)) throw new RangeError(`percent has more than two decimals: ${percent}`);
  // A fraction of a minor unit is never money; BigInt would throw a less helpful error on it.
  if (!Money.safeParse(price).success) {
    throw new RangeError(`price is not valid money: ${String(price.amount)} ${String(price.currency)}`);
  }
  const hundredths = BigInt(Math.round(percent * 100));
  const amount = (BigInt(price.amount) * hundredths + 5_000n) / 10_000n;
  return { amount: Number(amount), currency: price.currency };
}

/** `a - b`, refusing mixed currencies and results below zero. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  if (b.amount > a.amount) throw new RangeError(`cannot subtract ${b.amount} from ${a.amount}`);
  return { amount: a.amount - b.amount, currency: a.currency };
}

/** The amount as an exact decimal string in major units: 1234 EUR -> "12.34", 5 KWD -> "0.005". */
export function toDecimalString(money: Money): string {
  const exponent = currencyExponent(money.currency);
  if (exponent === 0) return String(money.amount);
  const digits = String(money.amount).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Formats money for people in `locale` through Intl. It never hides a non-zero minor unit:
 * where a locale shows fewer decimals than the currency has (HUF, IQD in some locales), the
 * locale's shorter form is used only when the dropped digits are zero.
 */
export function formatMoney(money: Money, locale: string | readonly string[]): string {
  const exponent = currencyExponent(money.currency);
  const locales = typeof locale === 'string' ? locale : [...locale];
  const localeDigits = new Intl.NumberFormat(locales, { style: 'currency', currency: money.currency })
    .resolvedOptions().maximumFractionDigits ?? exponent;
  const dropped = exponent - localeDigits;
  const digits = dropped > 0 && money.amount % 10 ** dropped === 0 ? localeDigits : exponent;
  const format = new Intl.NumberFormat(locales, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // A decimal string keeps the value exact beyond 2^53 / 10^exponent, where a float would round.
  return format.format(toDecimalString(money) as unknown as number);
}
