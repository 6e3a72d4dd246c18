import { defineElement } from '../registration.js';
import { DisputeOpener } from './dispute-opener.component.js';
// The opener nests <photo-uploader> for its photos step.
import '../photo-uploader/photo-uploader.define.js';

// Registers <dispute-opener>; importing this module is the side effect.
defineElement('dispute-opener', DisputeOpener);

export { DisputeOpener };

declare global {
  interface HTMLElementTagNameMap {
    'dispute-opener': DisputeOpener;
  }
}
