import { en, type Catalog } from './catalog.js';
import type { SupportedLocale } from './locale-resolution.js';

// Other locales are separate modules, fetched the first time an element speaks them.
const loaders: Record<Exclude<SupportedLocale, 'en'>, () => Promise<Catalog>> = {
  nl: () => import('../locales/nl.js').then((m) => m.nl),
  fr: () => import('../locales/fr.js').then((m) => m.fr),
  de: () => import('../locales/de.js').then((m) => m.de),
  ar: () => import('../locales/ar.js').then((m) => m.ar),
};

const loaded = new Map<SupportedLocale, Promise<Catalog>>([['en', Promise.resolve(en)]]);

/**
 * The shipped catalog of `locale`, loaded once. A locale that fails to load (the chunk is
 * missing, the network is down) is English, and is tried again next time.
 */
export function loadCatalog(locale: SupportedLocale): Promise<Catalog> {
  const known = loaded.get(locale);
  if (known !== undefined) return known;
  // English is in `loaded` from the start.
  const loading = loaders[locale as Exclude<SupportedLocale, 'en'>]().catch((): Catalog => {
    loaded.delete(locale);
    return en;
  });
  loaded.set(locale, loading);
  return loading;
}
