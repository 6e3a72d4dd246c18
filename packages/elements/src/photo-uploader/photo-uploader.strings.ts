import type { Message } from '../localization/message.js';

/** English strings of <photo-uploader>. */
export const photoUploaderStrings = {
} as const satisfies Record<string, Message>;
