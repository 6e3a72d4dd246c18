import type { disputeOpenerStrings } from '../../dispute-opener/dispute-opener.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const disputeOpener: TranslationOf<typeof disputeOpenerStrings> = {
};
