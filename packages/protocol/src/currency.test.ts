import { expect } from '@open-wc/testing';
import { CurrencyCode, currencyExponent, isKnownCurrency } from './currency.js';

/** The messages of every issue zod reports for `input`, or `[]` when it parses. */
function messagesFor(input: unknown): string[] {
  const result = CurrencyCode.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('currencyExponent', () => {
  const table: ReadonlyArray<readonly [string, number]> = [
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
    ['HUF', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['CLP', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['JOD', 3],
    ['IQD', 3],
    ['TND', 3],
    ['CLF', 4],
    ['UYW', 4],
  ];
  for (const [code, exponent] of table) {
    it(`gives ${code} ${exponent} digits after the decimal point, as ISO 4217 does`, () => {
      expect(currencyExponent(code)).to.equal(exponent);
    });
  }
});

describe('CurrencyCode', () => {
  for (const code of ['EUR', 'USD', 'JPY', 'KWD', 'CLF', 'CHF']) {
    it(`accepts the active code ${code}`, () => {
      expect(CurrencyCode.safeParse(code)).to.deep.equal({ success: true, data: code });
    });
  }

  it('refuses a lower-case code, saying codes are upper case', () => {
    expect(messagesFor('eur')).to.include('a currency is a three-letter ISO 4217 code in upper case');
  });

  it('refuses a well-formed code that is not an ISO 4217 currency', () => {
    expect(messagesFor('XYZ')).to.deep.equal(['not an active ISO 4217 currency code']);
  });

  it('refuses a code of four letters', () => {
    expect(messagesFor('EURO')).to.include('a currency is a three-letter ISO 4217 code in upper case');
  });

  it('refuses the empty string, a symbol and a non-string', () => {
    expect(messagesFor('')).to.not.be.empty;
    expect(messagesFor('€')).to.not.be.empty;
    expect(messagesFor(978)).to.not.be.empty;
  });
});

describe('isKnownCurrency', () => {
  it('knows active codes', () => {
    for (const code of ['EUR', 'USD', 'JPY', 'KWD', 'BHD', 'CLF', 'SEK']) expect(isKnownCurrency(code), code).to.be.true;
  });

  it('does not know lower-case spellings, unknown codes or words', () => {
    for (const code of ['eur', 'Eur', 'XYZ', 'EURO', '', 'constructor']) expect(isKnownCurrency(code), code).to.be.false;
  });
});
