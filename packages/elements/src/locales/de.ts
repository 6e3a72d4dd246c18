import type { Catalog } from '../localization/catalog.js';
import { common } from './de/common.js';
import { disputeOpener } from './de/dispute-opener.js';
import { disputeStatus } from './de/dispute-status.js';
import { photoUploader } from './de/photo-uploader.js';
import { proposalPicker } from './de/proposal-picker.js';

/** Every string, in the language of `de`; loaded the first time an element speaks it. */
export const de: Catalog = { ...common, ...disputeOpener, ...disputeStatus, ...photoUploader, ...proposalPicker };
