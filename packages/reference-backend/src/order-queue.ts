/**
 * Runs tasks one at a time per key (an order id), in the order they arrive, so that two requests
 * for one order never interleave in this process. Tasks for different keys run concurrently.
 */
export interface OrderQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** A new, empty queue. */
export function createOrderQueue(): OrderQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      // The next task waits for this one to settle, whether it succeeded or not.
      const tail = result.then(() => undefined, () => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
