import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { localizerContext } from '../context/contexts.js';
import type { Catalog, Translations } from './catalog.js';
import { loadCatalog } from './catalog-loader.js';
import { nearestSupportedLocale, requestedLocale, type SupportedLocale } from './locale-resolution.js';
import { Localizer } from './localizer.js';

/** An element that can be told its language and given its own strings. */
export interface LocalizedHost extends ReactiveElement {
  locale?: string | undefined;
  translations?: Translations | undefined;
  /** The language the backend prefers for this person (`OrderContext.locale`), below the page's `lang`. */
  readonly preferredLocale?: string | undefined;
}

/**
 * Gives an element its `Localizer` and shares it with the elements nested inside. The element's
 * own `locale` or `translations` win; without them it speaks like the element it is nested in, else
 * like the nearest `lang` in the page, else the language its backend prefers for the person. Strings of another locale load on demand, while the
 * element already renders (in English, with the right Intl formats), so nothing waits on them.
 */
export class LocalizationController implements ReactiveController {
  readonly #host: LocalizedHost;
  readonly #provider: ContextProvider<typeof localizerContext>;
  #inherited: Localizer | undefined;
  #own: Localizer;
  #request = 0;
  #language: SupportedLocale = 'en';
  #catalog: Catalog | undefined;
  #lastKey = '';

  constructor(host: LocalizedHost) {
    this.#host = host;
    this.#own = new Localizer('en');
    this.#provider = new ContextProvider(host, { context: localizerContext, initialValue: undefined });
    new ContextConsumer(host, {
      context: localizerContext,
      subscribe: true,
      callback: (value) => {
        this.#inherited = value;
        this.#share();
        host.requestUpdate();
      },
    });
    host.addController(this);
  }

  /** What the element renders with. */
  get value(): Localizer {
    return this.#speaksOwn() ? this.#own : (this.#inherited ?? this.#own);
  }

  hostConnected(): void {
    this.refresh();
  }

  /** Re-reads the element's locale and translations; call it when either changes. */
  refresh(): void {
    const locale = requestedLocale(this.#host, this.#host.locale, this.#host.preferredLocale);
    const overrides = this.#overridesFor(locale);
    const key = `${locale}\u0000${JSON.stringify(overrides)}`;
    if (key === this.#lastKey) return;
    this.#lastKey = key;
    const request = ++this.#request;
    const language = nearestSupportedLocale(locale);
    // Intl formats and the writing direction apply at once; the strings follow when loaded.
    if (language !== this.#language) this.#catalog = undefined;
    this.#language = language;
    this.#own = new Localizer(locale, this.#catalog, overrides);
    this.#share();
    void loadCatalog(language).then((catalog) => {
      if (request !== this.#request) return;
      this.#catalog = catalog;
      this.#own = new Localizer(locale, catalog, overrides);
      this.#share();
      this.#host.requestUpdate();
    });
  }

  #speaksOwn(): boolean {
    const host = this.#host;
    return this.#inherited === undefined || (host.locale ?? '') !== '' || host.translations !== undefined;
  }

  #share(): void {
    this.#provider.setValue(this.value);
  }

  #overridesFor(locale: string): Record<string, never> | NonNullable<Translations[string]> {
    const translations = this.#host.translations;
    if (translations === undefined) return {};
    // The most specific tag the host gave wins: `nl-BE`, then `nl`.
    const subtags = locale.split('-');
    const merged = {};
    for (let n = 1; n <= subtags.length; n++) {
      Object.assign(merged, translations[subtags.slice(0, n).join('-')]);
    }
    return merged;
  }
}
