import type { PhotoUploader } from './photo-uploader.component.js';

/** Chooses `files` in the uploader's file picker, as the browser does once the person confirms the dialog. */
export function choose(el: PhotoUploader, files: readonly File[]): void {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#add-input')!;
  input.files = data.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
