import { expect } from '@open-wc/testing';
import type { Money } from '@amicable/protocol';
import fc from 'fast-check';
import { amountText, parseAmount } from './amount-text.js';

const LOCALES = ['en', 'de', 'fr', 'nl', 'ar', 'de-CH', 'en-IN'];

describe('amounts typed in major units', () => {
  it('become exact minor units, as typed in each locale', () => {
    const rows: [string, string, string, number | null][] = [
      ['12.50', 'EUR', 'en', 1250],
      ['12,50', 'EUR', 'de', 1250],
      ['12.50', 'EUR', 'de', 1250],
      ['12,5', 'EUR', 'en', 1250],
      ['0.07', 'EUR', 'en', 7],
      ['1,280', 'JPY', 'en', 1280],
      ['1.280', 'JPY', 'de', 1280],
      ['1 280', 'JPY', 'fr', 1280],
      ['1234,56', 'EUR', 'fr', 123456],
      ['1.234,56', 'EUR', 'de', 123456],
      ['1,234.56', 'EUR', 'en', 123456],
      ['3.275', 'KWD', 'en', 3275],
      ['3,275', 'KWD', 'de', 3275],
      ['0.005', 'KWD', 'en', 5],
      ['١٢٫٥', 'EUR', 'ar', 1250],
      ['12.', 'EUR', 'en', 1200],
      ['1280.00', 'JPY', 'en', 1280],
      [' 7 ', 'EUR', 'en', 700],
      ['12,345', 'EUR', 'de', null],
      ['12.345', 'EUR', 'de', 1234500],
      ['0.5', 'JPY', 'en', null],
      ['0.0005', 'KWD', 'en', null],
      ['', 'EUR', 'en', null],
      ['.', 'EUR', 'en', null],
      ['-5', 'EUR', 'en', null],
      ['1e3', 'EUR', 'en', null],
      ['12 €', 'EUR', 'en', null],
      ['9007199254740993', 'JPY', 'en', null],
      ['90071992547409.92', 'EUR', 'en', null],
    ];
    for (const [text, currency, locale, amount] of rows) {
      expect(parseAmount(text, currency, locale), `${text} ${currency} in ${locale}`).to.deep.equal(amount === null ? null : { amount, currency });
    }
  });

  it('read back exactly what amountText wrote, for every amount, currency and locale', () => {
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'JPY', 'KWD'), fc.constantFrom(...LOCALES), fc.maxSafeNat(), (currency, locale, amount) => {
        const money: Money = { amount, currency };
        expect(parseAmount(amountText(money, locale), currency, locale)).to.deep.equal(money);
      }),
    );
  });

  it('are written with the locale\'s decimal mark and all the currency\'s decimals, without grouping', () => {
    expect(amountText({ amount: 1250, currency: 'EUR' }, 'de')).to.equal('12,50');
    expect(amountText({ amount: 1250, currency: 'EUR' }, 'en')).to.equal('12.50');
    expect(amountText({ amount: 128000, currency: 'JPY' }, 'en')).to.equal('128000');
    expect(amountText({ amount: 5, currency: 'KWD' }, 'fr')).to.equal('0,005');
  });
});
