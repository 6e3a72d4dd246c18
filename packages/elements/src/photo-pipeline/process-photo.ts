import { sniffFormat, type ImageFormat } from './image-format.js';
import { HEAD_BYTES, orientedSize, readHeader } from './image-header.js';
import type { PhotoOptions, PhotoOutputType } from './photo-options.js';
import type { RefusalReason } from './photo-refusal.js';

/** A photo ready to upload: downscaled, upright, re-encoded, without metadata. */
export interface ProcessedPhoto {
  readonly blob: Blob;
  readonly type: PhotoOutputType;
  readonly width: number;
  readonly height: number;
  /** The format the file came in. */
  readonly format: ImageFormat;
}

/** A processed photo, or why the file was refused (with its pixels, for `pixels`). */
export type PhotoOutcome =
  | { readonly photo: ProcessedPhoto }
  | { readonly refusal: RefusalReason; readonly pixels?: number };

/** What `processPhoto` needs besides the options: the formats the field takes. */
export interface PhotoJob extends PhotoOptions {
  /** The input formats accepted; the others are refused before decoding. */
  readonly formats: readonly ImageFormat[];
  /** The types to encode as, in turn, where the browser has no encoder for `outputType` (JPEG when absent). */
  readonly fallbackTypes?: readonly PhotoOutputType[];
}

/**
 * The size of the photo made from `bitmap`: the bitmap's, brought within `maxEdge`, and the
 * target's where they differ by a pixel of rounding.
 */
function canvasSize(bitmap: ImageBitmap, target: { width: number; height: number }, maxEdge: number): { width: number; height: number } {
  const size = targetSize(bitmap.width, bitmap.height, maxEdge);
  const near = Math.abs(size.width - target.width) <= 1 && Math.abs(size.height - target.height) <= 1;
  return near ? { width: Math.min(size.width, target.width), height: Math.min(size.height, target.height) } : size;
}

/** The size a picture of `width` x `height` is brought down to, keeping its proportions. */
export function targetSize(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

interface Surface {
  readonly context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
  encode(type: string, quality: number): Promise<Blob>;
  release(): void;
}

/** A canvas to draw on: an OffscreenCanvas (Workers, most pages), else a detached `<canvas>`. */
function surface(width: number, height: number): Surface {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { alpha: false });
    if (context === null) throw new Error('no 2d context');
    return {
      context,
      encode: (type, quality) => canvas.convertToBlob({ type, quality }),
      release: () => { canvas.width = canvas.height = 0; },
    };
  }
  const canvas = document.createElement('canvas');
  Object.assign(canvas, { width, height });
  const context = canvas.getContext('2d', { alpha: false });
  if (context === null) throw new Error('no 2d context');
  return {
    context,
    encode: (type, quality) =>
      new Promise((resolve, reject) => canvas.toBlob((blob) => (blob === null ? reject(new Error('encoding failed')) : resolve(blob)), type, quality)),
    release: () => { canvas.width = canvas.height = 0; },
  };
}

/**
 * Checks a chosen file and turns it into a photo fit to upload. The file is identified by its
 * first bytes and its size read from its header, so that nothing is decoded that is not a picture
 * or that would not fit in memory; then it is decoded upright (the EXIF orientation applied),
 * brought down to `maxEdge` by the browser's high-quality resampling, painted on white (so that
 * transparency does not turn black) and encoded afresh, which leaves every metadata block (EXIF
 * with GPS, XMP, comments) behind. A file that cannot be a photo is refused with the reason; an
 * error is thrown only for what trying again may mend. Runs in a Worker or on the page alike.
 */
export async function processPhoto(file: Blob, job: PhotoJob): Promise<PhotoOutcome> {
  if (file.size > job.maxInputBytes) return { refusal: 'input-size' };
  let head: Uint8Array;
  try {
    // A file deleted from the disk since it was chosen says its size is 0, and only reading the
    // whole of it tells it from an empty one.
    head = new Uint8Array(await (file.size === 0 ? file : file.slice(0, HEAD_BYTES)).arrayBuffer());
  } catch {
    return { refusal: 'unreadable' };
  }
  if (head.byteLength === 0) return { refusal: 'empty' };
  const format = sniffFormat(head);
  if (format === undefined) return { refusal: 'not-image' };
  if (!job.formats.includes(format)) return { refusal: 'type' };
  const header = await readHeader(file, format, head);
  if (header === undefined) return { refusal: 'damaged' };
  const pixels = header.width * header.height;
  if (pixels > job.maxPixels) return { refusal: 'pixels', pixels };

  const upright = orientedSize(header);
  const target = targetSize(upright.width, upright.height, job.maxEdge);
  let bitmap: ImageBitmap;
  try {
    // Only the short side is given, and the decoder keeps the proportions of the picture as it
    // turns it: should it turn it otherwise than the header says, the photo comes out smaller,
    // never stretched. (Given only the long side, Chromium rounds the short one up.)
    const resize = target.width <= target.height ? { resizeWidth: target.width } : { resizeHeight: target.height };
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', resizeQuality: 'high', ...resize });
  } catch {
    return { refusal: format === 'heic' ? 'heic' : 'damaged' };
  }
  const { width, height } = canvasSize(bitmap, target, job.maxEdge);
  const canvas = surface(width, height);
  try {
    canvas.context.fillStyle = '#fff';
    canvas.context.fillRect(0, 0, width, height);
    // A pixel over from rounding is cropped; a browser that ignored the resize gave the full size,
    // which drawing scales.
    if (Math.abs(bitmap.width - width) <= 1 && Math.abs(bitmap.height - height) <= 1) canvas.context.drawImage(bitmap, 0, 0);
    else canvas.context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    // A browser without an encoder for a type answers with PNG instead: the next type is tried.
    for (const type of [job.outputType, ...(job.fallbackTypes ?? ['image/jpeg'])]) {
      const blob = await canvas.encode(type, job.quality);
      if (blob.type === type) return { photo: { blob, type, width, height, format } };
    }
    throw new Error(`This browser cannot encode ${job.outputType} nor its fallbacks.`);
  } finally {
    bitmap.close();
    canvas.release();
  }
}
