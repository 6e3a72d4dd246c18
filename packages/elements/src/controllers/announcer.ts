import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * An element's one polite live region: what `say` is given is read out by screen readers without
 * moving focus. Render `region()` once, where it stays (a live region must exist before it changes).
 */
export class Announcer {
  readonly #host: ReactiveControllerHost;
  #text = '';

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Reads `text` out. The same words twice are read twice: a trailing space makes them new. */
  say(text: string): void {
    this.#text = text === this.#text ? `${text}\u00a0` : text;
    this.#host.requestUpdate();
  }

  /** The region itself. */
  region(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.#text}</div>`;
  }

}
