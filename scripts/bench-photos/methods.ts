// The four ways of turning a photo into a 2048 px JPEG at quality 0.85 that the benchmark
// compares, each configured for the same target.
import imageCompression from 'browser-image-compression';
import Compressor from 'compressorjs';
import { PhotoProcessor } from '../../packages/elements/src/photo-pipeline/photo-processor.js';
import type { PhotoJob } from '../../packages/elements/src/photo-pipeline/process-photo.js';
import { DEFAULT_PHOTO_OPTIONS } from '../../packages/elements/src/photo-pipeline/photo-options.js';
import type { FloorAnswer, FloorRequest } from './floor-worker.js';

/** The target every method is given. */
export interface Target {
  /** The longest edge, in pixels. */
  readonly maxEdge: number;
  /** JPEG quality, 0 to 1. */
  readonly quality: number;
}

/** One photo to process, with its upright size at the target (only the floor is told it). */
export interface Input {
  readonly file: File;
  readonly width: number;
  readonly height: number;
}

/** A way of processing photos. */
export interface Method {
  readonly id: 'ours' | 'floor' | 'browser-image-compression' | 'compressorjs';
  /** How it is configured, for the report. */
  readonly settings: Record<string, unknown>;
  /** Processes one photo; resolves with the encoded output. */
  process(input: Input): Promise<Blob>;
}

/** Our pipeline, as the photo uploader runs it: a `PhotoProcessor` with its module Worker. */
export function ours(target: Target): Method {
  const job: PhotoJob = {
    ...DEFAULT_PHOTO_OPTIONS,
    maxEdge: target.maxEdge,
    quality: target.quality,
    outputType: 'image/jpeg',
    formats: ['jpeg', 'png', 'webp', 'gif', 'heic'],
  };
  const processor = new PhotoProcessor();
  return {
    id: 'ours',
    settings: { ...job },
    process: async ({ file }) => (await processor.process(file, job)).blob,
  };
}

/** The bare browser path in a Worker of its own: see floor-worker.ts. */
export function floor(target: Target): Method {
  const worker = new Worker(new URL('./floor-worker.ts', import.meta.url), { type: 'module' });
  let ids = 0;
  return {
    id: 'floor',
    settings: { worker: true, resizeQuality: 'high', type: 'image/jpeg', quality: target.quality },
    process: ({ file, width, height }) =>
      new Promise((resolve, reject) => {
        const id = ++ids;
        const onMessage = ({ data }: MessageEvent<FloorAnswer>): void => {
          if (data.id !== id) return;
          worker.removeEventListener('message', onMessage);
          if ('blob' in data) resolve(data.blob);
          else reject(new Error(`floor: ${data.error}`));
        };
        worker.addEventListener('message', onMessage);
        const request: FloorRequest = { id, file, width, height, type: 'image/jpeg', quality: target.quality };
        worker.postMessage(request);
      }),
  };
}

/**
 * browser-image-compression in its Worker mode. The Worker loads the library with
 * `importScripts(libURL)`; without a reachable `libURL` it would load it from a CDN and, that
 * failing, quietly do the work on the page. `libURL` must be absolute: the Worker runs from a
 * `blob:` URL, against which a relative one resolves to nothing.
 */
export function browserImageCompression(target: Target, libURL: string): Method {
  const options = {
    maxWidthOrHeight: target.maxEdge,
    initialQuality: target.quality,
    fileType: 'image/jpeg',
    useWebWorker: true,
    libURL,
    // Far above any output, so that it encodes once and never iterates towards a size.
    maxSizeMB: 1000,
    preserveExif: false,
  };
  return {
    id: 'browser-image-compression',
    settings: options,
    process: ({ file }) => imageCompression(file, options),
  };
}

/** compressorjs, which works on the page (an `<img>` and a `<canvas>`): it has no Worker mode. */
export function compressorjs(target: Target): Method {
  const options = {
    maxWidth: target.maxEdge,
    maxHeight: target.maxEdge,
    quality: target.quality,
    mimeType: 'image/jpeg',
    // Never switch types by input size.
    convertSize: Infinity,
    checkOrientation: true,
  };
  return {
    id: 'compressorjs',
    settings: { ...options, convertSize: 'Infinity' },
    process: ({ file }) =>
      new Promise((resolve, reject) => {
        new Compressor(file, { ...options, success: resolve, error: reject });
      }),
  };
}

/**
 * Counts, per method, the answers that came back from a Worker carrying a picture, by watching
 * every Worker the page starts. A library that fell back to the page shows none.
 */
export class WorkerWatch {
  readonly #answers = new Map<string, number>();
  #current: string | undefined;

  /** Replaces the page's `Worker` with one that reports its messages; to be called before any Worker starts. */
  install(): void {
    const watch = this;
    const Native = globalThis.Worker;
    globalThis.Worker = class WatchedWorker extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', ({ data }: MessageEvent) => watch.#seen(data));
      }
    };
  }

  /** Runs `work` on behalf of `method`: the answers that arrive meanwhile are counted as its own. */
  async during<T>(method: string, work: () => Promise<T>): Promise<T> {
    this.#current = method;
    try {
      return await work();
    } finally {
      this.#current = undefined;
    }
  }

  /** Forgets the answers counted so far. */
  reset(): void {
    this.#answers.clear();
  }

  /** How many pictures reached `method` from a Worker since the last `reset()`. */
  answers(method: string): number {
    return this.#answers.get(method) ?? 0;
  }

  #seen(data: unknown): void {
    if (this.#current !== undefined && carriesPicture(data, 4)) this.#answers.set(this.#current, this.answers(this.#current) + 1);
  }
}

/** Whether a Worker's message holds a Blob within `depth` levels: each Worker wraps its answer its own way. */
function carriesPicture(value: unknown, depth: number): boolean {
  if (value instanceof Blob) return true;
  if (depth === 0 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((inner) => carriesPicture(inner, depth - 1));
}
