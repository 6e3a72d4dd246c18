import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { currencyExponent } from './currency.js';
import {
  CurrencyMismatchError,
  Money,
  formatMoney,
  percentOf,
  subtractMoney,
  toDecimalString,
} from './money.js';
import { Percent } from './percent.js';

const money = (amount: number, currency = 'EUR'): Money => ({ amount, currency });

/** One currency for each exponent the properties cover: 0 (JPY), 2 (EUR), 3 (KWD). */
const currencies = fc.constantFrom('JPY', 'EUR', 'KWD');
/** Amounts in minor units, up to a trillion (ten billion euros). */
const amounts = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(Number);
/** Percentages with at most two decimals, as hundredths of a percent (0 to 10 000). */
const hundredths = fc.integer({ min: 0, max: 10_000 });

/** The exact value of `h` hundredths of a percent of `a`, rounded half up, in integers only. */
function roundedHalfUp(a: number, h: number): number {
  // a * h / 10 000, plus one half, floored: (2ah + 10 000) / 20 000 in integer division.
  return Number((2n * BigInt(a) * BigInt(h) + 10_000n) / 20_000n);
}

/** The text as read aloud: bidi marks dropped, every kind of space a plain space. */
function normalized(text: string): string {
  return text.replace(/[\u200e\u200f\u061c]/g, '').replace(/\s/g, ' ');
}

/** Every digit in `text`, Arabic-Indic ones as Latin digits. */
function digitsOf(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[^0-9]/g, '');
}

/** How `locale` itself writes the currency (a symbol or the code). */
function currencyShownIn(locale: string, currency: string): string {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
  const part = parts.find((p) => p.type === 'currency');
  if (part === undefined) throw new Error(`no currency part for ${currency} in ${locale}`);
  return part.value;
}

describe('Money', () => {
  it('accepts zero and large whole amounts in minor units', () => {
    for (const amount of [0, 1, 10 ** 12, Number.MAX_SAFE_INTEGER]) {
      expect(Money.safeParse(money(amount)).success, String(amount)).to.be.true;
    }
  });

  const refused: ReadonlyArray<readonly [string, unknown]> = [
    ['a float', 12.5],
    ['a negative amount', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an integer beyond 2^53 - 1, which floats cannot count exactly', 2 ** 53],
    ['a numeric string', '1234'],
    ['null', null],
  ];
  for (const [what, amount] of refused) {
    it(`refuses ${what} as the amount, at path ['amount']`, () => {
      const result = Money.safeParse({ amount, currency: 'EUR' });
      expect(result.success).to.be.false;
      expect(result.error?.issues.map((issue) => issue.path)).to.deep.include(['amount']);
    });
  }

  it('says why a negative amount is refused', () => {
    const result = Money.safeParse(money(-1));
    expect(result.error?.issues.map((issue) => issue.message)).to.include('an amount is never negative');
  });

  it('refuses money without a currency, or with an unknown one', () => {
    for (const value of [{ amount: 100 }, { amount: 100, currency: 'eur' }, { amount: 100, currency: 'XYZ' }]) {
      const result = Money.safeParse(value);
      expect(result.success, JSON.stringify(value)).to.be.false;
      expect(result.error?.issues[0]?.path).to.deep.equal(['currency']);
    }
  });
});

describe('Percent', () => {
  it('accepts 0 to 100 with up to two decimals', () => {
    for (const p of [0, 0.01, 12.5, 33.33, 99.99, 100]) expect(Percent.safeParse(p).success, String(p)).to.be.true;
  });

  it('refuses values outside 0..100, more than two decimals and NaN', () => {
    for (const p of [-0.01, -1, 100.01, 150, 12.345, Number.NaN, '12']) {
      expect(Percent.safeParse(p).success, String(p)).to.be.false;
    }
  });
});

describe('percentOf', () => {
  describe('rounds the exact share to the nearest minor unit, halves up', () => {
    const table: ReadonlyArray<readonly [price: number, percent: number, expected: number]> = [
      [101, 12.5, 13], // 12.625
      [1, 50, 1], // 0.5: a half goes up
      [3, 50, 2], // 1.5
      [4, 12.5, 1], // 0.5
      [5000, 0.01, 1], // 0.5
      [1, 49.99, 0], // 0.4999
      [999, 0.01, 0], // 0.0999
      [199, 25, 50], // 49.75
      [300, 33.33, 100], // 99.99
      [1000, 0, 0],
      [0, 50, 0],
      [1234, 100, 1234],
      [10 ** 12, 0.01, 10 ** 8],
      [Number.MAX_SAFE_INTEGER, 50, 4_503_599_627_370_496], // 4503599627370495.5, beyond float precision
    ];
    for (const [price, percent, expected] of table) {
      it(`${percent} % of ${price} is ${expected}`, () => {
        expect(percentOf(money(price), percent)).to.deep.equal(money(expected));
      });
    }
  });

  it('keeps the currency of the price', () => {
    expect(percentOf(money(1000, 'JPY'), 10)).to.deep.equal(money(100, 'JPY'));
    expect(percentOf(money(1000, 'KWD'), 10)).to.deep.equal(money(100, 'KWD'));
  });

  it('refuses a percentage below 0, above 100 or NaN', () => {
    for (const p of [-0.01, -50, 100.01, 1000, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => percentOf(money(1000), p), String(p)).to.throw(RangeError);
    }
  });

  it('refuses a percentage with more than two decimals instead of rounding it away', () => {
    for (const p of [12.345, 0.001, 33.333, 99.999]) {
      expect(() => percentOf(money(1000), p), String(p)).to.throw(RangeError, 'more than two decimals');
    }
  });

  it('takes a percentage with two decimals however the float stores it', () => {
    expect(percentOf(money(10_000), 0.07)).to.deep.equal(money(7));
    expect(percentOf(money(10_000), 33.33)).to.deep.equal(money(3333));
  });

  it('refuses a price that is not valid money', () => {
    const prices: Money[] = [
      money(2500.5),
      money(Number.NaN),
      money(-100),
      money(Number.MAX_SAFE_INTEGER + 1),
      money(1000, 'XYZ'),
    ];
    for (const price of prices) {
      expect(() => percentOf(price, 10), `${price.amount} ${price.currency}`).to.throw(RangeError, 'not valid money');
    }
  });

  describe('properties over JPY, EUR and KWD and amounts up to 10^12', () => {
    it('lies between zero and the price', () => {
      fc.assert(
        fc.property(currencies, amounts, hundredths, (currency, amount, h) => {
          const share = percentOf(money(amount, currency), h / 100);
          return Number.isSafeInteger(share.amount) && share.amount >= 0 && share.amount <= amount
            && share.currency === currency;
        }),
      );
    });

    it('grows with the percentage', () => {
      fc.assert(
        fc.property(currencies, amounts, hundredths, hundredths, (currency, amount, h1, h2) => {
          const [low, high] = h1 <= h2 ? [h1, h2] : [h2, h1];
          const price = money(amount, currency);
          return percentOf(price, low / 100).amount <= percentOf(price, high / 100).amount;
        }),
      );
    });

    it('is the whole price at 100 % and nothing at 0 %', () => {
      fc.assert(
        fc.property(currencies, amounts, (currency, amount) => {
          const price = money(amount, currency);
          expect(percentOf(price, 100)).to.deep.equal(price);
          expect(percentOf(price, 0)).to.deep.equal(money(0, currency));
        }),
      );
    });

    it('equals the exact rational share rounded half up', () => {
      fc.assert(
        fc.property(currencies, amounts, hundredths, (currency, amount, h) => {
          expect(percentOf(money(amount, currency), h / 100).amount).to.equal(roundedHalfUp(amount, h));
        }),
      );
    });

    it('rounds every exact half up', () => {
      // h = 2^i * 5^j divides 5000, so a = (2q + 1) * 5000 / h makes a * h / 10 000 exactly q + 1/2.
      const halves = fc.record({
        q: fc.integer({ min: 0, max: 100_000_000 }),
        i: fc.integer({ min: 0, max: 3 }),
        j: fc.integer({ min: 0, max: 4 }),
      });
      fc.assert(
        fc.property(currencies, halves, (currency, { q, i, j }) => {
          const h = 2 ** i * 5 ** j;
          const amount = (2 * q + 1) * (5000 / h);
          expect(percentOf(money(amount, currency), h / 100).amount).to.equal(q + 1);
        }),
      );
    });
  });
});

describe('subtractMoney', () => {
  it('subtracts amounts of one currency', () => {
    expect(subtractMoney(money(1000), money(250))).to.deep.equal(money(750));
    expect(subtractMoney(money(1000, 'JPY'), money(1000, 'JPY'))).to.deep.equal(money(0, 'JPY'));
  });

  it('refuses amounts in different currencies, naming both', () => {
    expect(() => subtractMoney(money(1000, 'EUR'), money(100, 'USD')))
      .to.throw(CurrencyMismatchError, 'expected EUR, got USD');
  });

  it('refuses a result below zero', () => {
    expect(() => subtractMoney(money(100), money(101))).to.throw(RangeError);
  });
});

describe('toDecimalString', () => {
  const table: ReadonlyArray<readonly [amount: number, currency: string, expected: string]> = [
    [1234, 'EUR', '12.34'],
    [0, 'EUR', '0.00'],
    [5, 'EUR', '0.05'],
    [100, 'EUR', '1.00'],
    [10 ** 12, 'EUR', '10000000000.00'],
    [Number.MAX_SAFE_INTEGER, 'EUR', '90071992547409.91'],
    [1234567, 'JPY', '1234567'],
    [0, 'JPY', '0'],
    [5, 'KWD', '0.005'],
    [1234, 'KWD', '1.234'],
    [1000, 'KWD', '1.000'],
    [1, 'CLF', '0.0001'],
    [123456, 'CLF', '12.3456'],
  ];
  for (const [amount, currency, expected] of table) {
    it(`writes ${amount} ${currency} minor units as "${expected}"`, () => {
      expect(toDecimalString(money(amount, currency))).to.equal(expected);
    });
  }

  it('has exactly the currency\'s number of decimals and loses no digit', () => {
    fc.assert(
      fc.property(fc.constantFrom('JPY', 'EUR', 'KWD', 'CLF'), amounts, (currency, amount) => {
        const text = toDecimalString(money(amount, currency));
        const exponent = currencyExponent(currency);
        const [whole, fraction] = text.split('.');
        expect(fraction?.length ?? 0).to.equal(exponent);
        expect(whole).to.match(/^(0|[1-9][0-9]*)$/);
        expect(BigInt(text.replace('.', ''))).to.equal(BigInt(amount));
      }),
    );
  });
});

describe('formatMoney', () => {
  describe('writes money the way each locale does', () => {
    const table: ReadonlyArray<readonly [amount: number, currency: string, locale: string, expected: string]> = [
      [1234, 'EUR', 'en-US', '€12.34'],
      [1234, 'EUR', 'nl-NL', '€ 12,34'],
      [1234, 'EUR', 'fr-FR', '12,34 €'],
      [1234, 'EUR', 'de-DE', '12,34 €'],
      [1234, 'EUR', 'ja-JP', '€12.34'],
      [1234, 'EUR', 'ar-EG', '١٢٫٣٤ €'],
      [0, 'EUR', 'en-US', '€0.00'],
      [5, 'EUR', 'en-US', '€0.05'],
      [1234, 'JPY', 'en-US', '¥1,234'],
      [1234, 'JPY', 'de-DE', '1.234 ¥'],
      [1234, 'JPY', 'ja-JP', '￥1,234'],
      [1234, 'KWD', 'en-US', 'KWD 1.234'],
      [1234, 'KWD', 'de-DE', '1,234 KWD'],
      [5, 'KWD', 'en-US', 'KWD 0.005'],
      [10 ** 12, 'EUR', 'de-DE', '10.000.000.000,00 €'],
      [10 ** 12, 'JPY', 'en-US', '¥1,000,000,000,000'],
      [10 ** 12, 'KWD', 'en-US', 'KWD 1,000,000,000.000'],
      // 9007199254740.991 as a float is 9007199254740.990234375: the digits must not come from a float.
      [Number.MAX_SAFE_INTEGER, 'KWD', 'en-US', 'KWD 9,007,199,254,740.991'],
    ];
    for (const [amount, currency, locale, expected] of table) {
      it(`${amount} ${currency} minor units in ${locale}: "${expected}"`, () => {
        expect(normalized(formatMoney(money(amount, currency), locale))).to.equal(expected);
      });
    }
  });

  it('takes the first supported locale of a list', () => {
    expect(normalized(formatMoney(money(1234), ['de-DE', 'en-US']))).to.equal('12,34 €');
  });

  it('shows no decimals for JPY and three for KWD in every locale', () => {
    for (const locale of ['en-US', 'nl-NL', 'fr-FR', 'de-DE', 'ja-JP', 'ar-EG']) {
      const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
      expect(formatMoney(money(1234, 'JPY'), locale), locale).to.not.include(decimal);
      const kwd = formatMoney(money(1234, 'KWD'), locale);
      const fraction = kwd.split(decimal)[1] ?? '';
      expect(digitsOf(fraction), `${locale}: ${kwd}`).to.equal('234');
    }
  });

  describe('where a locale shows fewer decimals than ISO 4217 gives the currency', () => {
    it('shows non-zero forint fillér that Intl would round away', () => {
      expect(normalized(formatMoney(money(12345, 'HUF'), 'hu-HU'))).to.equal('123,45 Ft');
      expect(normalized(formatMoney(money(12345, 'HUF'), 'en-US'))).to.equal('HUF 123.45');
    });

    it('keeps the locale\'s shorter form when the hidden digits are zero', () => {
      expect(normalized(formatMoney(money(12300, 'HUF'), 'hu-HU'))).to.equal('123 Ft');
      expect(normalized(formatMoney(money(5000, 'IQD'), 'en-US'))).to.equal('IQD 5');
    });

    it('shows all three decimals of an Iraqi dinar amount with fils', () => {
      expect(normalized(formatMoney(money(1234567, 'IQD'), 'en-US'))).to.equal('IQD 1,234.567');
      expect(normalized(formatMoney(money(5500, 'IQD'), 'en-US'))).to.equal('IQD 5.500');
    });
  });

  it('loses no digit and shows the currency, for JPY, EUR and KWD up to 10^12 minor units', () => {
    fc.assert(
      fc.property(
        currencies,
        amounts,
        fc.constantFrom('en-US', 'nl-NL', 'fr-FR', 'de-DE', 'ja-JP', 'ar-EG'),
        (currency, amount, locale) => {
          const value = money(amount, currency);
          const text = formatMoney(value, locale);
          expect(digitsOf(text), text).to.equal(toDecimalString(value).replace('.', ''));
          expect(text).to.include(currencyShownIn(locale, currency));
        },
      ),
    );
  });
});
