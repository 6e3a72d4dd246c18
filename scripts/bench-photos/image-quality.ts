// How close a method's output is to the photo it came from: PSNR against a reference made without
// any lossy encoding, so that no method wins on time or bytes by giving up quality.
import { pixelsOf } from '../../packages/elements/src/photo-pipeline/photo-fixtures.test-support.js';

/**
 * The pixels of `blob` decoded upright and resampled to `width` x `height` by the browser's best
 * filter, never encoded: of an original, the reference its outputs are measured against.
 */
export async function pixelsAt(blob: Blob, width: number, height: number): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return context.getImageData(0, 0, width, height);
}

/** Peak signal-to-noise ratio over R, G and B, in dB; Infinity for identical pictures. */
export function psnr(a: ImageData, b: ImageData): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`psnr of ${a.width}x${a.height} against ${b.width}x${b.height}`);
  const x = a.data;
  const y = b.data;
  let sum = 0;
  for (let i = 0; i < x.length; i += 4) {
    const r = x[i]! - y[i]!;
    const g = x[i + 1]! - y[i + 1]!;
    const bl = x[i + 2]! - y[i + 2]!;
    sum += r * r + g * g + bl * bl;
  }
  const mse = sum / ((x.length / 4) * 3);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/**
 * `image` brought down to `width` x `height` by averaging the source pixels each target pixel
 * covers (a box filter, fractions of pixels weighed): a second reference that no method under test
 * uses, so that a method sharing the first reference's resampler gains nothing from it.
 */
export function areaAverage(image: ImageData, width: number, height: number): ImageData {
  const { width: sourceWidth, height: sourceHeight, data } = image;
  const sx = sourceWidth / width;
  const sy = sourceHeight / height;
  // Source index i covers [i, i + 1); in target units that lies in one or two target pixels.
  const spread = (i: number, step: number, add: (target: number, weight: number) => void): void => {
    const target = Math.floor(i / step);
    const boundary = (target + 1) * step;
    if (i + 1 <= boundary) add(target, 1);
    else {
      add(target, boundary - i);
      add(target + 1, i + 1 - boundary);
    }
  };
  const rows = new Float32Array(sourceHeight * width * 3);
  for (let y = 0; y < sourceHeight; y++) {
    for (let x = 0; x < sourceWidth; x++) {
      const from = (y * sourceWidth + x) * 4;
      spread(x, sx, (target, weight) => {
        if (target >= width) return;
        const to = (y * width + target) * 3;
        rows[to] = rows[to]! + data[from]! * weight;
        rows[to + 1] = rows[to + 1]! + data[from + 1]! * weight;
        rows[to + 2] = rows[to + 2]! + data[from + 2]! * weight;
      });
    }
  }
  const sums = new Float32Array(height * width * 3);
  for (let y = 0; y < sourceHeight; y++) {
    spread(y, sy, (target, weight) => {
      if (target >= height) return;
      const from = y * width * 3;
      const to = target * width * 3;
      for (let k = 0; k < width * 3; k++) sums[to + k] = sums[to + k]! + rows[from + k]! * weight;
    });
  }
  const out = new ImageData(width, height);
  const area = sx * sy;
  for (let i = 0, j = 0; i < sums.length; i += 3, j += 4) {
    out.data[j] = Math.round(sums[i]! / area);
    out.data[j + 1] = Math.round(sums[i + 1]! / area);
    out.data[j + 2] = Math.round(sums[i + 2]! / area);
    out.data[j + 3] = 255;
  }
  return out;
}

/** An output compared with its references: its own size, and PSNR against each (after resampling to the references' size when it differs). */
export interface Comparison {
  readonly width: number;
  readonly height: number;
  readonly resized: boolean;
  /** Against the browser's high-quality downscale. */
  readonly psnr: number;
  /** Against the area average. */
  readonly psnrArea: number;
}

/** Decodes `output` as the browser shows it and compares it with both references of its original. */
export async function compare(output: Blob, references: { readonly resampled: ImageData; readonly averaged: ImageData }): Promise<Comparison> {
  const { resampled, averaged } = references;
  let decoded = await pixelsOf(output);
  const { width, height } = decoded;
  const resized = width !== resampled.width || height !== resampled.height;
  if (resized) decoded = await pixelsAt(output, resampled.width, resampled.height);
  return { width, height, resized, psnr: psnr(decoded, resampled), psnrArea: psnr(decoded, averaged) };
}
