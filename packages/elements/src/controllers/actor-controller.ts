import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AnyActorRef, SnapshotFrom, Subscription } from 'xstate';

/**
 * Connects an element to an actor: starts it the first time the element is connected, re-renders
 * the element on every snapshot while it is connected, and stops listening when it is removed.
 * The actor keeps running while the element is detached, so moving the element in the page (a
 * disconnect followed by a connect) keeps the flow where it was. The element reads state from
 * `snapshot`, never from copies of it.
 */
export class ActorController<TActor extends AnyActorRef> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #actor: TActor | undefined;
  #subscription: Subscription | undefined;
  #connected = false;
  readonly #onSnapshot: ((snapshot: SnapshotFrom<TActor>) => void) | undefined;

  constructor(host: ReactiveControllerHost, onSnapshot?: (snapshot: SnapshotFrom<TActor>) => void) {
    this.#host = host;
    this.#onSnapshot = onSnapshot;
    host.addController(this);
  }

  /** The actor, once one is given. */
  get actor(): TActor | undefined {
    return this.#actor;
  }

  /** The actor's current snapshot, or `undefined` before one is given. */
  get snapshot(): SnapshotFrom<TActor> | undefined {
    return this.#actor?.getSnapshot();
  }

  /** Drives the element with `actor`, stopping the one it replaces. */
  use(actor: TActor | undefined): void {
    if (actor === this.#actor) return;
    this.#unsubscribe();
    this.#actor?.stop();
    this.#actor = actor;
    if (this.#connected) this.#subscribe();
    this.#host.requestUpdate();
  }

  /** Sends `event` to the actor, if there is one. */
  send(event: Parameters<TActor['send']>[0]): void {
    this.#actor?.send(event);
  }

  /** Listens to the actor again, and catches up with its current snapshot. */
  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  /** Stops listening; the actor keeps running. */
  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  #subscribe(): void {
    const actor = this.#actor;
    if (actor === undefined || this.#subscription !== undefined) return;
    this.#subscription = actor.subscribe((snapshot: SnapshotFrom<TActor>) => {
      this.#onSnapshot?.(snapshot);
      this.#host.requestUpdate();
    });
    // `start` is idempotent; an actor given before the first connect starts here.
    actor.start();
    // What happened while the element was away (a send that failed meanwhile) is caught up on now.
    this.#onSnapshot?.(actor.getSnapshot());
    this.#host.requestUpdate();
  }

  #unsubscribe(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}
