import * as z from 'zod/mini';

/** A BCP 47 language tag such as `en`, `nl-BE` or `pt-BR`. */
export const LocaleTag = z.string().check(
  z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a locale is a BCP 47 tag such as "en" or "nl-BE"'),
);
export type LocaleTag = z.infer<typeof LocaleTag>;

/** Text in several languages: locale tag to a non-empty string. */
export const LocalizedText = z.record(LocaleTag, z.string().check(z.minLength(1, 'text may not be empty')));
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * The key of `text` for `tag`, compared without regard to case as BCP 47 says (`en-gb` is the
 * key for `en-GB`), the exact spelling first; `undefined` when `text` has none. Own keys only:
 * `constructor` or `__proto__` never pass for a translation. `localize` and the tree validation
 * both find a locale's text this way.
 */
export function localeKeyOf(text: LocalizedText, tag: string): string | undefined {
  if (Object.hasOwn(text, tag)) return tag;
  const wanted = tag.toLowerCase();
  return Object.keys(text).find((key) => key.toLowerCase() === wanted);
}

/**
 * The best text for `locale`: the exact tag, then ever shorter prefixes of it (`zh-Hant-TW` ->
 * `zh-Hant` -> `zh`, so `nl-BE` -> `nl`), then any regional variant of that language, then
 * `fallback`. Tags compare without regard to case, as BCP 47 says. Validated trees always have
 * `fallback`.
 */
export function localize(text: LocalizedText, locale: string, fallback: string): string {
  return localizedEntry(text, locale, fallback).text;
}

/**
 * `localize`, with the tag of the text it chose, so that a page can mark text that came in
 * another language than the reader's (`lang`), as screen readers need to pronounce it. The tag is
 * `''` only for a text without any entry.
 */
export function localizedEntry(text: LocalizedText, locale: string, fallback: string): { readonly tag: string; readonly text: string } {
  const tags = Object.keys(text);
  const entry = (tag: string | undefined) => (tag === undefined ? undefined : { tag, text: text[tag] as string });
  const subtags = locale.split('-');
  for (let n = subtags.length; n > 0; n--) {
    const found = entry(localeKeyOf(text, subtags.slice(0, n).join('-')));
    if (found !== undefined) return found;
  }
  const language = `${(subtags[0] ?? '').toLowerCase()}-`;
  return entry(tags.find((tag) => tag.toLowerCase().startsWith(language)))
    ?? entry(localeKeyOf(text, fallback))
    ?? entry(tags[0])
    ?? { tag: '', text: '' };
}
