import type { Photo } from '@amicable/protocol';
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { Localizer } from '../localization/localizer.js';

/**
 * The larger view of the buyer's photos: a modal `<dialog>` opened from a thumbnail, with
 * previous and next (buttons, and the arrow keys in the reading direction) and a caption "Photo 2
 * of 3" that is announced as it changes, closed by Escape or its close button, after which focus
 * goes back to the thumbnail that opened it.
 */
export class PhotoViewer {
  readonly #host: ReactiveElement;
  #index = 0;
  #opener: HTMLElement | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
  }

  /** Shows photo `index` (from 0), remembering `opener` to give focus back to. */
  async open(index: number, opener: HTMLElement): Promise<void> {
    this.#index = index;
    this.#opener = opener;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const dialog = this.#dialog();
    if (dialog !== null && !dialog.open) dialog.showModal();
  }

  #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog') ?? null;
  }

  #step(by: number, count: number): void {
    this.#index = (this.#index + by + count) % count;
    this.#host.requestUpdate();
  }

  /** The dialog, closed until a thumbnail opens it. */
  render(l10n: Localizer, photos: readonly Photo[]): TemplateResult | typeof nothing {
    const count = photos.length;
    const photo = photos[Math.min(this.#index, count - 1)];
    if (photo === undefined) return nothing;
    const forward = l10n.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = l10n.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const onKey = (event: KeyboardEvent): void => {
      const by = event.key === forward ? 1 : event.key === backward ? -1 : 0;
      if (by === 0) return;
      event.preventDefault();
      this.#step(by, count);
    };
    const caption = l10n.t('picker.photo', { n: this.#index + 1, count });
    return html`<dialog part="viewer" aria-label=${l10n.t('picker.viewer')} @keydown=${onKey} @close=${() => this.#opener?.focus()}>
      <img part="viewer-image" src=${photo.url} width=${photo.width} height=${photo.height} alt=${caption} />
      <p part="viewer-caption" class="caption" aria-live="polite">${caption}</p>
      <div class="actions">
        ${count > 1
          ? html`<button type="button" @click=${() => this.#step(-1, count)}>${l10n.t('picker.viewer.previous')}</button>
              <button type="button" @click=${() => this.#step(1, count)}>${l10n.t('picker.viewer.next')}</button>`
          : nothing}
        <button type="button" autofocus @click=${() => this.#dialog()?.close()}>${l10n.t('common.close')}</button>
      </div>
    </dialog>`;
  }
}
