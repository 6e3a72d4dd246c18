import * as z from 'zod/mini';

/**
 * ISO 4217 minor-unit exponents that differ from the common 2.
 * Source: the ISO 4217 list ("minor unit" column). Intl's display digits differ for some
 * codes (HUF, IDR, IQD...), so money never takes its exponent from Intl.
 */
const NON_DEFAULT_EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Active ISO 4217 codes a dispute may be priced in. */
const KNOWN_CURRENCIES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN ' +
    'BZD CAD CDF CHF CLF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
    'GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR ' +
    'KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN ' +
    'MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR ' +
    'SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX ' +
    'USD UYI UYU UYW UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

/** An active ISO 4217 currency code, upper case: `EUR`, `JPY`, `KWD`. */
export const CurrencyCode = z.string().check(
  z.regex(/^[A-Z]{3}$/, 'a currency is a three-letter ISO 4217 code in upper case'),
  z.refine((code) => KNOWN_CURRENCIES.has(code), 'not an active ISO 4217 currency code'),
);
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** Digits after the decimal point of the currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyExponent(code: CurrencyCode): number {
  return NON_DEFAULT_EXPONENTS[code] ?? 2;
}

/** Whether `code` is an active ISO 4217 code this package knows. */
export function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}
