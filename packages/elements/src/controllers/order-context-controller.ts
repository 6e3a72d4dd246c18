import type { MediationClient } from '@amicable/client';
import type { OrderContext } from '@amicable/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where loading an order's context stands. */
export type OrderContextState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly context: OrderContext }
  | { readonly status: 'failed'; readonly error: unknown };

/** What an `OrderContextController` tells its element. */
export interface OrderContextCallbacks {
  /**
   * Turns the context the backend gave into the one the element uses (the host's own tree, say);
   * throwing makes the load fail with that error.
   */
  adapt?(context: OrderContext): OrderContext;
  onLoaded(context: OrderContext): void;
  onFailed(error: unknown): void;
}

/**
 * Loads the order context (order, parties, role, tree, dispute) an element starts from, when it
 * has an order id and a client, and again when either changes. A load still running when the
 * inputs change or the element is removed is aborted, and its answer dropped.
 */
export class OrderContextController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #callbacks: OrderContextCallbacks;
  #state: OrderContextState = { status: 'idle' };
  #loading: AbortController | undefined;
  #key: readonly [string, MediationClient] | undefined;

  constructor(host: ReactiveControllerHost, callbacks: OrderContextCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  get state(): OrderContextState {
    return this.#state;
  }

  /**
   * Loads the context for `orderId` through `client`, unless this pair is loaded, loading or has
   * failed already: safe to call on every update. After a failure, `reload()` tries again.
   */
  load(orderId: string, client: MediationClient | undefined): void {
    if (orderId === '' || client === undefined) return;
    const key = this.#key;
    if (key !== undefined && key[0] === orderId && key[1] === client) return;
    this.#key = [orderId, client];
    void this.#fetch(orderId, client);
  }

  /** Loads again (after a failure, or to start over from the backend's state). */
  reload(): void {
    const key = this.#key;
    if (key !== undefined) void this.#fetch(key[0], key[1]);
  }

  hostConnected(): void {
    // A load aborted by a removal starts over when the element comes back.
    if (this.#state.status === 'loading' && this.#loading === undefined) this.reload();
  }

  hostDisconnected(): void {
    this.#loading?.abort();
    this.#loading = undefined;
  }

  async #fetch(orderId: string, client: MediationClient): Promise<void> {
    this.#loading?.abort();
    const loading = new AbortController();
    this.#loading = loading;
    this.#set({ status: 'loading' });
    try {
      const loaded = await client.getContext(orderId, { signal: loading.signal });
      if (loading.signal.aborted) return;
      const context = this.#callbacks.adapt?.(loaded) ?? loaded;
      this.#set({ status: 'ready', context });
      this.#callbacks.onLoaded(context);
    } catch (error) {
      if (loading.signal.aborted) return;
      this.#set({ status: 'failed', error });
      this.#callbacks.onFailed(error);
    } finally {
      if (this.#loading === loading) this.#loading = undefined;
    }
  }

  #set(state: OrderContextState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }
}
