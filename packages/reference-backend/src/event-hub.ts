import type { Dispute } from '@amicable/protocol';

/** A dispute as it was stored by a change, with the ETag and JSON body a read would answer with. */
export interface DisputeChange {
  readonly orderId: string;
  readonly dispute: Dispute;
  readonly etag: string;
  readonly body: string;
}

/** Listens to every stored change of disputes, as the event stream does. */
export interface DisputeEvents {
  /** Calls `listener` after each change of the dispute of `orderId`; returns the unsubscribe function. */
  subscribe(orderId: string, listener: (change: DisputeChange) => void): () => void;
  /** Calls `listener` after each change of any dispute; returns the unsubscribe function. */
  subscribeAll(listener: (change: DisputeChange) => void): () => void;
}

/** The backend's side of `DisputeEvents`. */
export interface EventHub extends DisputeEvents {
  publish(change: DisputeChange): void;
}

/** A hub with no subscribers. */
export function createEventHub(): EventHub {
  const byOrder = new Map<string, Set<(change: DisputeChange) => void>>();
  const everything = new Set<(change: DisputeChange) => void>();
  const call = (listener: (change: DisputeChange) => void, change: DisputeChange) => {
    try {
      listener(change);
    } catch (error) {
      // One listener's failure must neither stop the others nor fail the request that made the change.
      console.error('a dispute listener failed', error);
    }
  };
  return {
    subscribe(orderId, listener) {
      const listeners = byOrder.get(orderId) ?? new Set();
      listeners.add(listener);
      byOrder.set(orderId, listeners);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && byOrder.get(orderId) === listeners) byOrder.delete(orderId);
      };
    },
    subscribeAll(listener) {
      everything.add(listener);
      return () => everything.delete(listener);
    },
    publish(change) {
      for (const listener of [...(byOrder.get(change.orderId) ?? [])]) call(listener, change);
      for (const listener of [...everything]) call(listener, change);
    },
  };
}
