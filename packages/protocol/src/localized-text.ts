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
  const tags = Object.keys(text);
  const find = (wanted: string): string | undefined => {
    const tag = localeKeyOf(text, wanted);
    return tag === undefined ? undefined : text[tag];
  };
  const subtags = locale.split('-');
  for (let n = subtags.length; n > 0; n--) {
    const found = find(subtags.slice(0, n).join('-'));
    if (found !== undefined) return found;
  }
  const language = `${(subtags[0] ?? '').toLowerCase()}-`;
  const variant = tags.find((tag) => tag.toLowerCase().startsWith(language));
  if (variant !== undefined) return text[variant] as string;
  return find(fallback) ?? Object.values(text)[0] ?? '';
}
