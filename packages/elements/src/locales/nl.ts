import type { Catalog } from '../localization/catalog.js';
import { common } from './nl/common.js';
import { disputeOpener } from './nl/dispute-opener.js';
import { disputeStatus } from './nl/dispute-status.js';
import { photoUploader } from './nl/photo-uploader.js';
import { proposalPicker } from './nl/proposal-picker.js';

/** Every string, in the language of `nl`; loaded the first time an element speaks it. */
export const nl: Catalog = { ...common, ...disputeOpener, ...disputeStatus, ...photoUploader, ...proposalPicker };
