import type { Catalog } from '../localization/catalog.js';
import { common } from './ar/common.js';
import { disputeOpener } from './ar/dispute-opener.js';
import { disputeStatus } from './ar/dispute-status.js';
import { photoUploader } from './ar/photo-uploader.js';
import { proposalPicker } from './ar/proposal-picker.js';

/** Every string, in the language of `ar`; loaded the first time an element speaks it. */
export const ar: Catalog = { ...common, ...disputeOpener, ...disputeStatus, ...photoUploader, ...proposalPicker };
