/** A plural message: one text per plural category of the locale (`Intl.PluralRules`), `other` required. */
export type PluralMessage = { readonly other: string } & Partial<Readonly<Record<Intl.LDMLPluralRule, string>>>;

/**
 * One translatable text. `{name}` placeholders are filled from the parameters given to `t()`; a
 * plural message picks its form by the `count` parameter.
 */
export type Message = string | PluralMessage;

/** Parameters of a message: text and numbers put in its `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Fills `{name}` placeholders. A placeholder without a parameter stays as written, so that a
 * missing parameter shows up in review instead of silently vanishing.
 */
export function fillPlaceholders(text: string, params: MessageParams | undefined): string {
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A translation of a group of English strings: the same keys, each with its text in another language. */
export type TranslationOf<T> = { readonly [K in keyof T]: Message };
