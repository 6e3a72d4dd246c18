import type { AnyClientError, DisputeWatch, MediationClient } from '@amicable/client';
import type { Dispute } from '@amicable/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a `LiveDisputeController` tells its element. */
export interface LiveDisputeCallbacks {
  /** A dispute that differs from the last one seen (`previous`, `undefined` at first). */
  onChange(dispute: Dispute, previous: Dispute | undefined): void;
  /**
   * A read that failed after the client's retries; the watch goes on, reading less often. A run of
   * failures with the same code is told once, so a backend that stays down is not reported on
   * every read; a dispute that arrives ends the run.
   */
  onError?(error: AnyClientError): void;
}

/**
 * Keeps an element's dispute live through `client.watchDispute` (the backend's event stream, or
 * polling): watching while the element is connected, stopping when it is removed and resuming
 * when it comes back, so moving the element keeps it live. Only a dispute that differs from the
 * last one seen reaches `onChange`, so a restarted watch does not repeat what the element shows.
 */
export class LiveDisputeController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #callbacks: LiveDisputeCallbacks;
  #target: readonly [string, MediationClient] | undefined;
  #watch: DisputeWatch | undefined;
  #connected = false;
  #dispute: Dispute | undefined;
  #seen = '';
  #failing: string | undefined;

  constructor(host: ReactiveControllerHost, callbacks: LiveDisputeCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** The latest dispute seen, from the watch or from `seen`. */
  get dispute(): Dispute | undefined {
    return this.#dispute;
  }

  /**
   * Watches the dispute of `orderId` through `client` while the element is connected; a change of
   * either restarts the watch. Without an order id or a client nothing is watched. Call it from
   * `willUpdate` or `updated`; calling it again with the same pair does nothing.
   */
  watch(orderId: string, client: MediationClient | undefined): void {
    const target = this.#target;
    if (target !== undefined && target[0] === orderId && target[1] === client) return;
    this.#end();
    this.#target = orderId === '' || client === undefined ? undefined : [orderId, client];
    // Another order's dispute is not the previous one of this order.
    if (target?.[0] !== orderId) {
      this.#dispute = undefined;
      this.#seen = '';
      this.#failing = undefined;
    }
    if (this.#connected) this.#start();
  }

  /**
   * Records a dispute the element got by other means (the answer to its own action), so that the
   * watch bringing the same one again is not a change.
   */
  seen(dispute: Dispute): void {
    this.#dispute = dispute;
    this.#seen = JSON.stringify(dispute);
    this.#host.requestUpdate();
  }

  /** Stops watching and forgets the dispute, until `watch` is called again. */
  stop(): void {
    this.#end();
    this.#target = undefined;
    this.#dispute = undefined;
    this.#seen = '';
    this.#failing = undefined;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#start();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#end();
  }

  #start(): void {
    const target = this.#target;
    if (target === undefined || this.#watch !== undefined) return;
    const [orderId, client] = target;
    const watch: DisputeWatch = client.watchDispute(orderId, {
      onChange: (dispute) => {
        // A watch ended meanwhile may still deliver its last read.
        if (this.#watch !== watch) return;
        const json = JSON.stringify(dispute);
        if (json === this.#seen) return;
        const previous = this.#dispute;
        this.#dispute = dispute;
        this.#seen = json;
        this.#failing = undefined;
        this.#callbacks.onChange(dispute, previous);
        this.#host.requestUpdate();
      },
      onError: (error) => {
        if (this.#watch !== watch || error.code === this.#failing) return;
        this.#failing = error.code;
        this.#callbacks.onError?.(error);
      },
    });
    this.#watch = watch;
  }

  #end(): void {
    this.#watch?.stop();
    this.#watch = undefined;
  }
}
