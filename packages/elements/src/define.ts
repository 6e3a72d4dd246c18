import { DisputeOpener } from './dispute-opener/dispute-opener.component.js';
import { PhotoUploader } from './photo-uploader/photo-uploader.component.js';
import { ProposalPicker } from './proposal-picker/proposal-picker.component.js';
import { defineElement, prefixedTag } from './registration.js';

/** How to register the elements. */
export interface DefineOptions {
  /**
   * Registers `<acme-dispute-opener>` and so on instead of the default tags, for a page that already
   * owns one of those names. Elements nest each other under the same prefix.
   */
  readonly prefix?: string;
}

/**
 * Registers the three elements, under their default tags or a prefix. Safe to call more than once;
 * a tag the page already owns is left alone, with a warning.
 */
export function defineElements(options: DefineOptions = {}): void {
  defineElement(prefixedTag('disputeOpener', options.prefix), DisputeOpener);
  defineElement(prefixedTag('photoUploader', options.prefix), PhotoUploader);
  defineElement(prefixedTag('proposalPicker', options.prefix), ProposalPicker);
}
