import type { photoUploaderStrings } from '../../photo-uploader/photo-uploader.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const photoUploader: TranslationOf<typeof photoUploaderStrings> = {
};
