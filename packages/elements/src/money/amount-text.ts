import { currencyExponent, toDecimalString, type Money } from '@amicable/protocol';

const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

function separator(locale: string, type: 'decimal' | 'group'): string {
  return new Intl.NumberFormat(locale).formatToParts(10000.5).find((part) => part.type === type)?.value ?? '';
}

/**
 * An amount typed in major units (`12,50`, `12.5`, `1,280`, `١٢٫٥`) as exact money in minor
 * units, by its digits alone (never through a float); `null` when it is not an amount of
 * `currency`: no digits, other characters, or more decimals than the currency has. The locale's
 * group separator followed by exactly three digits groups thousands; any other `.` or `,` is the
 * decimal point, so `12.50` means the same in every locale.
 */
export function parseAmount(text: string, currency: string, locale: string): Money | null {
  const group = separator(locale, 'group');
  const typed = text
    .replace(ARABIC_DIGITS, (digit) => String(digit.charCodeAt(0) & 0xf))
    .replace(/\u066b/g, '.')
    .replace(/[\s\u066c'’]/g, '');
  const last = Math.max(typed.lastIndexOf('.'), typed.lastIndexOf(','));
  const mark = typed[last] ?? '';
  const after = typed.slice(last + 1);
  // A mark seen twice, or the locale's grouping before three digits, groups thousands.
  const grouping = last < 0 || typed.indexOf(mark) !== last || (mark === group && after.length === 3 && !typed.includes(mark === '.' ? ',' : '.'));
  const whole = (grouping ? typed : typed.slice(0, last)).replace(/[.,]/g, '');
  const fraction = (grouping ? '' : after).replace(/0+$/, '');
  const exponent = currencyExponent(currency);
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole + after === '' || fraction.length > exponent) return null;
  const amount = Number(whole + fraction.padEnd(exponent, '0'));
  // A digit string beyond 2^53 - 1 becomes a number that is not safe, so this also keeps it exact.
  return Number.isSafeInteger(amount) ? { amount, currency } : null;
}

/** `money` in major units as a person types it in `locale`: `12,50` in German, `12.50` in English, `1280` in yen. */
export function amountText(money: Money, locale: string): string {
  const decimal = separator(locale, 'decimal');
  return toDecimalString(money).replace('.', decimal === ',' ? ',' : '.');
}
