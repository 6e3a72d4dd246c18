import type { proposalPickerStrings } from '../../proposal-picker/proposal-picker.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const proposalPicker: TranslationOf<typeof proposalPickerStrings> = {
};
