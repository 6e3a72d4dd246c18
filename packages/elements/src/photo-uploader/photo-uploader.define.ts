import { defineElement } from '../registration.js';
import { PhotoUploader } from './photo-uploader.component.js';

// Registers <photo-uploader>; importing this module is the side effect.
defineElement('photo-uploader', PhotoUploader);

export { PhotoUploader };

declare global {
  interface HTMLElementTagNameMap {
    'photo-uploader': PhotoUploader;
  }
}
