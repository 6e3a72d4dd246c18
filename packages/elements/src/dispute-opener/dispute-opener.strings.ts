import type { Message } from '../localization/message.js';

/** English strings of <dispute-opener>. */
export const disputeOpenerStrings = {
} as const satisfies Record<string, Message>;
