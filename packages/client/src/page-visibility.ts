/**
 * Whether the page is hidden, and when that changes, through `document.visibilityState` and
 * `visibilitychange`. Where there is no `document` (Node, a worker) the page is never hidden.
 */
export class PageVisibility {
  readonly #document: Document | undefined = typeof document === 'undefined' ? undefined : document;
  readonly #waiting = new Set<() => void>();
  readonly #changed = (): void => {
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const wake of waiting) wake();
  };

  constructor() {
    this.#document?.addEventListener('visibilitychange', this.#changed);
  }

  get hidden(): boolean {
    return this.#document?.visibilityState === 'hidden';
  }

  /**
   * A signal that aborts at the next `visibilitychange` or when `signal` aborts, and a function
   * that lets go of it once it is no longer needed.
   */
  untilChange(signal: AbortSignal): { readonly signal: AbortSignal; readonly release: () => void } {
    const controller = new AbortController();
    const wake = (): void => controller.abort();
    this.#waiting.add(wake);
    signal.addEventListener('abort', wake, { once: true });
    if (signal.aborted) wake();
    return {
      signal: controller.signal,
      release: () => {
        this.#waiting.delete(wake);
        signal.removeEventListener('abort', wake);
      },
    };
  }

  /** Stops listening to the document. */
  dispose(): void {
    this.#document?.removeEventListener('visibilitychange', this.#changed);
    this.#changed();
  }
}
