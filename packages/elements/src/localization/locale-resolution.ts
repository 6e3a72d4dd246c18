/** Locales whose strings ship with the elements; English is built in, the others load on demand. */
export const SUPPORTED_LOCALES = ['en', 'nl', 'fr', 'de', 'ar'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'iw', 'ps', 'sd', 'ug', 'ur', 'yi', 'dv', 'ckb']);

/**
 * The language an element speaks: its own `locale`, else the `lang` of the nearest ancestor that
 * has one (crossing shadow roots, so that a widget nested in another host's shadow DOM follows that
 * host), else `preferred` (what the backend knows of the person), else the browser's language, else
 * English.
 */
export function requestedLocale(element: Element, own: string | undefined, preferred?: string): string {
  if (own !== undefined && own.trim() !== '') return own.trim();
  for (let node: Node | null = element; node !== null; ) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang !== null && lang.trim() !== '') return lang.trim();
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return preferred || globalThis.navigator?.language || 'en';
}

/** Whether `tag` is a well-formed BCP 47 tag Intl accepts. */
export function isValidLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * The shipped catalog closest to `tag`: the same language in any region (`nl-BE` -> `nl`), else
 * English. A malformed tag is English.
 */
export function nearestSupportedLocale(tag: string): SupportedLocale {
  if (!isValidLocale(tag)) return 'en';
  const language = new Intl.Locale(tag).language;
  return (SUPPORTED_LOCALES as readonly string[]).includes(language) ? (language as SupportedLocale) : 'en';
}

/** The writing direction of `tag`'s language. */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  if (!isValidLocale(tag)) return 'ltr';
  return RIGHT_TO_LEFT.has(new Intl.Locale(tag).language) ? 'rtl' : 'ltr';
}
