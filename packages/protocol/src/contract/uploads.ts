import * as z from 'zod/mini';
import { Id, PhotoContentType, Timestamp } from '../dispute.js';

// How photos reach the backend. Apart from the request bodies (requests.ts) because the widgets
// read these in the answers they validate, and a browser bundle need not carry the bodies.

/** How the backend takes photos, and its limits, as told to the widget in the order's context. */
export const UploadPolicy = z.object({
  /** `multipart`: POST the file to the backend; `presigned`: ask for a URL, then PUT the bytes there. */
  via: z.enum(['multipart', 'presigned']),
  /** The largest file, in bytes, the backend accepts (after the widget has downscaled it). */
  maxBytes: z.int().check(z.minimum(1)),
  contentTypes: z.array(PhotoContentType).check(z.minLength(1)),
});
export type UploadPolicy = z.infer<typeof UploadPolicy>;

/** What the host assumes when the context names no policy. */
export const DEFAULT_UPLOAD_POLICY: UploadPolicy = Object.freeze({
  via: 'multipart',
  maxBytes: 10 * 1024 * 1024,
  contentTypes: Object.freeze(['image/jpeg', 'image/png', 'image/webp']) as UploadPolicy['contentTypes'],
});

/**
 * Where to PUT the photo's bytes: a URL that needs no token, valid until `expiresAt`, with the
 * headers to send. The PUT answers with the stored `Photo`; `photoId` is the id it will have.
 */
export const PhotoUploadTicket = z.object({
  photoId: Id,
  method: z.literal('PUT'),
  url: z.string().check(z.minLength(1)),
  headers: z.record(z.string(), z.string()),
  expiresAt: Timestamp,
});
export type PhotoUploadTicket = z.infer<typeof PhotoUploadTicket>;
