import { formatMoney, type Money } from '@amicable/protocol';
import { en, type Catalog, type StringKey } from './catalog.js';
import { directionOf } from './locale-resolution.js';
import { fillPlaceholders, type Message, type MessageParams } from './message.js';

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * Speaks one locale: strings with the host's overrides, then the locale's catalog, then English;
 * money, dates and relative times through Intl. Immutable: a change of locale makes a new one, so
 * that elements sharing it through context re-render.
 */
export class Localizer {
  /** The BCP 47 tag Intl formats for (the requested one, not the catalog's language). */
  readonly locale: string;
  /** The writing direction of `locale`, for the element's `dir`. */
  readonly dir: 'ltr' | 'rtl';
  readonly #catalog: Partial<Catalog>;
  readonly #overrides: Partial<Catalog>;
  #plural: Intl.PluralRules | undefined;

  constructor(locale: string, catalog: Partial<Catalog> = en, overrides: Partial<Catalog> = {}) {
    this.locale = locale;
    this.dir = directionOf(locale);
    this.#catalog = catalog;
    this.#overrides = overrides;
  }

  /** The text of `key`, with `{name}` placeholders filled; a plural message picks its form by `params.count`. */
  t(key: StringKey, params?: MessageParams): string {
    const message: Message = this.#overrides[key] ?? this.#catalog[key] ?? en[key];
    if (typeof message === 'string') return fillPlaceholders(message, params);
    const count = Number(params?.count ?? 0);
    this.#plural ??= new Intl.PluralRules(this.locale);
    const form = message[this.#plural.select(count)] ?? message.other;
    return fillPlaceholders(form, params);
  }

  /** `money` as people in this locale write it (`€ 12,50`, `￥1,280`). */
  money(money: Money): string {
    return formatMoney(money, this.locale);
  }

  /** A date and time in the reader's own time zone, with the zone named so a deadline is never ambiguous. */
  dateTime(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
  }

  /** How far `iso` is from `now`, in words: "in 3 days", "2 hours ago". */
  relativeTime(iso: string, now: number = Date.now()): string {
    const delta = new Date(iso).getTime() - now;
    const format = new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' });
    for (const [unit, ms] of UNITS) {
      if (Math.abs(delta) >= ms || unit === 'minute') return format.format(Math.round(delta / ms), unit);
    }
    return format.format(0, 'minute');
  }

  /** A number of bytes, in the largest unit that keeps it above 1 (`2.4 MB`). */
  bytes(bytes: number): string {
    const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit += 1;
    }
    return new Intl.NumberFormat(this.locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  }
}
