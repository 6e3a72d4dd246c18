import type { RefusalReason } from './photo-refusal.js';
import type { PhotoJob, ProcessedPhoto } from './process-photo.js';

/** The page asks the worker to process one file. */
export interface PhotoRequest {
  readonly id: number;
  readonly file: Blob;
  readonly job: PhotoJob;
}

/** The worker's messages: ready (and whether it can draw), or the answer to one request. */
export type PhotoWorkerMessage =
  | { readonly kind: 'ready'; readonly canDraw: boolean }
  | { readonly kind: 'done'; readonly id: number; readonly photo: ProcessedPhoto }
  | { readonly kind: 'refused'; readonly id: number; readonly reason: RefusalReason; readonly details: { readonly pixels?: number } }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };
