/**
 * Why a file cannot become a photo. Each has a message in every locale
 * (`uploader.refused.<reason>`); none is worth trying again with the same file.
 */
export type RefusalReason =
  /** No bytes at all. */
  | 'empty'
  /** The browser could not read it: moved or deleted since it was chosen, or not downloaded from a cloud drive. */
  | 'unreadable'
  /** Larger than `maxInputBytes` before processing. */
  | 'input-size'
  /** Not a JPEG, PNG, WebP, GIF or HEIC by its first bytes: another file, an SVG, a renamed program. */
  | 'not-image'
  /** A format the uploader's `accept` leaves out. */
  | 'type'
  /** More pixels than `maxPixels`, by its header. */
  | 'pixels'
  /** HEIC or HEIF, which this browser cannot decode. */
  | 'heic'
  /** The header or the image data is damaged or cut short. */
  | 'damaged';

/** A file refused by the photo pipeline, and why. */
export class PhotoRefusal extends Error {
  override readonly name = 'PhotoRefusal';

  constructor(
    readonly reason: RefusalReason,
    /** The file's pixels, for `pixels`. */
    readonly pixels?: number,
  ) {
    super(`photo refused: ${reason}`);
  }
}
