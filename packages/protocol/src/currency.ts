import * as z from 'zod/mini';

/**
 * The active ISO 4217 codes a dispute may be priced in, grouped by the exponent of their minor
 * unit (digits after the decimal point). Source: the ISO 4217 list ("minor unit" column). Intl's
 * display digits differ for some codes (HUF, IDR, IQD...), so money never takes its exponent from
 * Intl. Each code is written once: the table is both the list of known codes and their exponents.
 */
const CODES_BY_EXPONENT: Readonly<Record<number, string>> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2:
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD ' +
    'CDF CHF CNY COP CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ ' +
    'GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA ' +
    'MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR ' +
    'RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD ' +
    'TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};

/** Every known code with its exponent. */
const EXPONENTS: ReadonlyMap<string, number> = new Map(
  Object.entries(CODES_BY_EXPONENT).flatMap(([exponent, codes]) => codes.split(' ').map((code) => [code, Number(exponent)] as const)),
);

/** An active ISO 4217 currency code, upper case: `EUR`, `JPY`, `KWD`. */
export const CurrencyCode = z.string().check(
  z.regex(/^[A-Z]{3}$/, 'a currency is a three-letter ISO 4217 code in upper case'),
  z.refine((code) => EXPONENTS.has(code), 'not an active ISO 4217 currency code'),
);
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** Digits after the decimal point of the currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyExponent(code: CurrencyCode): number {
  return EXPONENTS.get(code) ?? 2;
}

/** Whether `code` is an active ISO 4217 code this package knows. */
export function isKnownCurrency(code: string): boolean {
  return EXPONENTS.has(code);
}
