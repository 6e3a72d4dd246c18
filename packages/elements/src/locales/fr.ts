import type { Catalog } from '../localization/catalog.js';
import { common } from './fr/common.js';
import { disputeOpener } from './fr/dispute-opener.js';
import { disputeStatus } from './fr/dispute-status.js';
import { photoUploader } from './fr/photo-uploader.js';
import { proposalPicker } from './fr/proposal-picker.js';

/** Every string, in the language of `fr`; loaded the first time an element speaks it. */
export const fr: Catalog = { ...common, ...disputeOpener, ...disputeStatus, ...photoUploader, ...proposalPicker };
