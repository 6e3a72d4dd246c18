import { commonStrings } from './common.strings.js';
import type { Message } from './message.js';
import { disputeOpenerStrings } from '../dispute-opener/dispute-opener.strings.js';
import { disputeStatusStrings } from '../dispute-status/dispute-status.strings.js';
import { photoUploaderStrings } from '../photo-uploader/photo-uploader.strings.js';
import { proposalPickerStrings } from '../proposal-picker/proposal-picker.strings.js';

/** The English catalog, built in: the reference every other locale translates, and their fallback. */
export const en = {
  ...commonStrings,
  ...disputeOpenerStrings,
  ...disputeStatusStrings,
  ...photoUploaderStrings,
  ...proposalPickerStrings,
} as const;

/** The key of a translatable string. */
export type StringKey = keyof typeof en;

/** A complete translation: every key. The shipped locales are typed as this, so a missing key fails the build. */
export type Catalog = { readonly [K in StringKey]: Message };

/**
 * What a host may give in `translations`: per locale tag (`nl`, `pt-BR`), any strings to replace.
 * A locale the elements do not ship can be added this way; its missing strings fall back to English.
 */
export type Translations = Readonly<Record<string, Partial<Catalog>>>;
