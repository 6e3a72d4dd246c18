/** The types a processed photo can be encoded as. */
export type PhotoOutputType = 'image/jpeg' | 'image/webp' | 'image/png';

/** How chosen photos are checked, downscaled and re-encoded before they go up. */
export interface PhotoOptions {
  /** The longest edge of the processed photo, in pixels; smaller photos keep their size. */
  readonly maxEdge: number;
  /** Encoder quality, 0 to 1 (JPEG and WebP). */
  readonly quality: number;
  /** The type to encode as. */
  readonly outputType: PhotoOutputType;
  /** The most pixels a photo may have, read from its header before it is decoded. */
  readonly maxPixels: number;
  /** The largest file read at all, in bytes; the processed file's limit is the uploader's `max-bytes`. */
  readonly maxInputBytes: number;
}

/** 2048 px, JPEG at 0.85, at most 100 megapixels and 100 MB in. */
export const DEFAULT_PHOTO_OPTIONS: PhotoOptions = Object.freeze({
  maxEdge: 2048,
  quality: 0.85,
  outputType: 'image/jpeg',
  maxPixels: 100_000_000,
  maxInputBytes: 100_000_000,
});
