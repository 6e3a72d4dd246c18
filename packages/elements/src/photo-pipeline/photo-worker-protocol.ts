import type { PhotoJob, PhotoOutcome } from './process-photo.js';

/** The page asks the worker to process one file. */
export interface PhotoRequest {
  readonly id: number;
  readonly file: Blob;
  readonly job: PhotoJob;
}

/** The worker's messages: ready (and whether it can draw), or the answer to one request. */
export type PhotoWorkerMessage =
  | { readonly kind: 'ready'; readonly canDraw: boolean }
  | { readonly kind: 'done'; readonly id: number; readonly outcome: PhotoOutcome }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };
