import type { PhotoRequest, PhotoWorkerMessage } from './photo-worker-protocol.js';
import { PhotoRefusal } from './photo-refusal.js';
import type { PhotoJob, PhotoOutcome, ProcessedPhoto } from './process-photo.js';

interface Task {
  readonly id: number;
  readonly file: Blob;
  readonly job: PhotoJob;
  readonly signal: AbortSignal | undefined;
  cancelled?: boolean;
  resolve(photo: ProcessedPhoto): void;
  reject(error: unknown): void;
}

/**
 * A module worker from another origin (the script-tag file served by a CDN) cannot be started
 * directly; a same-origin `blob:` module that imports it can, where the page's policy allows.
 * Made on demand: `Worker` does not exist where the module may be imported without a page.
 */
function importingWorker(): typeof Worker {
  return class extends globalThis.Worker {
    readonly #module: string;

    constructor(url: URL | string, options?: WorkerOptions) {
      const module = URL.createObjectURL(new Blob([`import ${JSON.stringify(String(url))};`], { type: 'text/javascript' }));
      super(module, options);
      this.#module = module;
    }

    /** The `blob:` module is needed until the worker has loaded, or failed to. */
    release(): void {
      URL.revokeObjectURL(this.#module);
    }
  };
}

/** Starts the photo worker; undefined when the page may not start it. */
function startWorker(): Worker | undefined {
  if (typeof globalThis.Worker !== 'function') return undefined;
  const sameOrigin = new URL(import.meta.url).origin === location.origin;
  // Named `Worker` and written out in full so that bundlers find the worker and build it too.
  const Worker = sameOrigin ? globalThis.Worker : importingWorker();
  try {
    return new Worker(new URL('./photo-worker.js', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
}

const abortError = (): DOMException => new DOMException('The photo was cancelled.', 'AbortError');

/**
 * Processes photos one at a time, the page's fewest at once: a 50 megapixel photo decodes to
 * 200 MB. The work goes to a Worker; where none can start, or it cannot draw (no
 * OffscreenCanvas), the page does it itself, more slowly but alike. Cancelling a photo in the
 * queue takes it out; cancelling the one being processed stops the worker, which frees its
 * memory at once, and the next photo starts a fresh one.
 */
export class PhotoProcessor {
  readonly #queue: Task[] = [];
  #current: Task | undefined;
  /** Ends the wait for the worker's answer about the current task. */
  #interrupt: (() => void) | undefined;
  #worker: Promise<Worker | undefined> | undefined;
  // Once a worker could not start, the page does the work for good: asking again would fail again.
  #noWorker = false;
  #ids = 0;

  /** `useWorker: false` keeps the work on the page (the fallback, chosen). */
  constructor(private readonly options: { readonly useWorker?: boolean } = {}) {}

  /** Processes `file`; rejects with a `PhotoRefusal`, an `AbortError` when `signal` aborts, or another error. */
  process(file: Blob, job: PhotoJob, signal?: AbortSignal): Promise<ProcessedPhoto> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const task: Task = { id: ++this.#ids, file, job, signal, resolve, reject };
      signal?.addEventListener('abort', () => this.#cancel(task), { once: true });
      this.#queue.push(task);
      void this.#next();
    });
  }

  /** Where photos are processed: in a worker, or on the page when none can start. */
  async mode(): Promise<'worker' | 'page'> {
    return (await this.#ready()) === undefined ? 'page' : 'worker';
  }

  /** Refuses what is queued and stops the worker, busy or not. */
  dispose(): void {
    for (const task of this.#queue.splice(0)) task.reject(abortError());
    if (this.#current !== undefined) this.#cancel(this.#current);
    this.#stopWorker();
  }

  /**
   * Refuses the task at once. The next one starts when the work on this one has stopped: at once
   * in a worker, which is stopped; on the page, once the photo's decoding has run its course.
   */
  #cancel(task: Task): void {
    task.cancelled = true;
    const index = this.#queue.indexOf(task);
    if (index >= 0) this.#queue.splice(index, 1);
    else if (task === this.#current) {
      this.#stopWorker();
      this.#interrupt?.();
    }
    task.reject(abortError());
  }

  #settled(task: Task): void {
    if (this.#current !== task) return;
    this.#current = undefined;
    void this.#next();
  }

  async #next(): Promise<void> {
    if (this.#current !== undefined) return;
    const task = this.#queue.shift();
    if (task === undefined) return;
    this.#current = task;
    try {
      const worker = await this.#ready();
      if (task.cancelled === true) return;
      const outcome = worker === undefined ? await this.#onPage(task) : await this.#inWorker(worker, task);
      if ('refusal' in outcome) task.reject(new PhotoRefusal(outcome.refusal, outcome.pixels));
      else task.resolve(outcome.photo);
    } catch (error) {
      task.reject(error);
    } finally {
      this.#settled(task);
    }
  }

  async #onPage(task: Task): Promise<PhotoOutcome> {
    // Loaded only when needed: the worker has its own copy.
    const { processPhoto } = await import('./process-photo.js');
    return processPhoto(task.file, task.job);
  }

  #inWorker(worker: Worker, task: Task): Promise<PhotoOutcome> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        this.#interrupt = undefined;
      };
      const onMessage = ({ data }: MessageEvent<PhotoWorkerMessage>): void => {
        if (data.kind === 'ready' || data.id !== task.id) return;
        done();
        if (data.kind === 'done') resolve(data.outcome);
        else reject(new Error(data.message));
      };
      // A worker that dies mid-photo (out of memory) fails that photo; the next gets a new one.
      const onError = (event: Event): void => {
        event.preventDefault();
        done();
        this.#stopWorker();
        reject(new Error('The photo worker stopped.'));
      };
      this.#interrupt = () => { done(); reject(abortError()); };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      const request: PhotoRequest = { id: task.id, file: task.file, job: task.job };
      worker.postMessage(request);
    });
  }

  /** The running worker, started on first use; undefined when the page must do the work. */
  #ready(): Promise<Worker | undefined> {
    if (this.options.useWorker === false || this.#noWorker) return Promise.resolve(undefined);
    this.#worker ??= new Promise((resolve) => {
      const worker = startWorker();
      if (worker === undefined) {
        this.#noWorker = true;
        return resolve(undefined);
      }
      const onMessage = ({ data }: MessageEvent<PhotoWorkerMessage>): void => {
        if (data.kind !== 'ready') return;
        settle(data.canDraw ? worker : undefined);
      };
      // It could not load (a Content-Security-Policy, a missing file): the page works instead, from now on.
      const onError = (event: Event): void => { event.preventDefault(); settle(undefined); };
      const settle = (result: Worker | undefined): void => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        (worker as Partial<{ release(): void }>).release?.();
        if (result === undefined) {
          worker.terminate();
          this.#noWorker = true;
        }
        resolve(result);
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
    });
    return this.#worker;
  }

  #stopWorker(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    void worker?.then((running) => running?.terminate());
  }
}

let shared: PhotoProcessor | undefined;

/** The page's one processor, which every uploader shares, so that photos are processed one at a time. */
export function sharedPhotoProcessor(): PhotoProcessor {
  return (shared ??= new PhotoProcessor());
}
