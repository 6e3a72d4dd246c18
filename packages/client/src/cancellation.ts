/** How the client waits: between retries and between polls. Tests inject one that does not wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits with a timer; ends early (resolving) when `signal` aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as `signal` aborts, so that
 * an injected sleep or a slow `getToken` cannot hold up a cancelled call.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/** `sleep(ms)`, cut short by `signal`: it rejects with the signal's reason the moment it aborts. */
export function wait(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return raceAbort(Promise.resolve().then(() => sleep(ms, signal)), signal);
}
