import type { Message } from '../localization/message.js';

/** English strings of <proposal-picker>. */
export const proposalPickerStrings = {
} as const satisfies Record<string, Message>;
