import type { IntakeActor } from '@amicable/machine';
import type { Photo } from '@amicable/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { Localizer } from '../localization/localizer.js';

/**
 * One photo in the list: a file chosen here (being prepared, kept for the form, uploading, failed
 * or uploaded) or a photo uploaded before and restored through the `photos` property.
 */
export interface PhotoItem {
  /** Unique within the element; the item's DOM ids derive from it. */
  readonly key: string;
  /** The file's name; restored photos have none of their own. */
  readonly name?: string;
  /** The file as chosen; only the photo processor reads it. */
  readonly original?: File;
  /** The file made from it to upload: downscaled, re-encoded, without metadata. */
  file?: File;
  status: 'preparing' | 'local' | 'uploading' | 'failed' | 'done';
  photo?: Photo;
  /** An object URL of `file` for the thumbnail, while connected; else the photo's own URL shows. */
  url?: string | undefined;
  /** The order its upload was started for; a restored photo or a file kept for the form has none. */
  orderId?: string;
  /** The intake its upload was started for, if any: the uploaded photo is attached to this one only. */
  intakeActor?: IntakeActor | undefined;
  /** Share of the bytes sent, 0 to 1; absent until the first report. */
  progress?: number | undefined;
  /** Why preparing or uploading it failed, in the person's language. */
  error?: string | undefined;
  /** Cancels its preparation or upload in flight. */
  abort?: AbortController | undefined;
}

/** What an item's buttons do. */
export interface ItemActions {
  readonly disabled: boolean;
  remove(item: PhotoItem): void;
  retry(item: PhotoItem): void;
}

/** One list entry: thumbnail, name, progress or error, retry and remove. */
export function renderItem(item: PhotoItem, name: string, l: Localizer, actions: ItemActions): TemplateResult {
  const errorId = `${item.key}-error`;
  const failed = item.status === 'failed';
  return html`<li part="item" class=${item.status}>
    <img part="thumbnail" src=${item.url ?? item.photo?.url ?? nothing} alt="" />
    <div class="info">
      <span class="name">${name}</span>
      ${item.status === 'uploading' || item.status === 'preparing'
        ? html`<progress
            part="progress"
            max="1"
            value=${item.progress ?? nothing}
            aria-label=${l.t(item.status === 'preparing' ? 'uploader.preparing' : 'uploader.uploading', { name })}
          ></progress>`
        : nothing}
      ${failed
        ? html`<p part="error" id=${errorId} class="field-error">${item.error}</p>
            <button part="retry-button" type="button" aria-describedby=${errorId} ?disabled=${actions.disabled} @click=${() => actions.retry(item)}>
              ${l.t('common.retry')}
            </button>`
        : nothing}
    </div>
    <button
      id=${`${item.key}-remove`}
      part="remove-button"
      type="button"
      aria-label=${l.t('uploader.remove', { name })}
      aria-describedby=${failed ? errorId : nothing}
      ?disabled=${actions.disabled}
      @click=${() => actions.remove(item)}
    >
      ✕
    </button>
  </li>`;
}
