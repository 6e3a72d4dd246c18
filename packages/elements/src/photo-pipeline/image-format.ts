/** A picture format the photo pipeline reads. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'heic';

/** The MIME type of each format, as `<input accept>` and the upload policy name them. */
export const FORMAT_TYPES: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
};

// HEIF brands of still images and sequences from phone cameras (ISO/IEC 23008-12).
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/**
 * The format of a file, from its first bytes (its signature), never from its name or declared
 * type: a renamed executable or an SVG named `photo.jpg` is no format at all.
 */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 4))) {
    // The generic brands also start AVIF files, which name `avif` among their compatible brands.
    const brands = Array.from({ length: (Math.min(bytes.length, 64) - 16) >> 2 }, (_, i) => ascii(bytes, 16 + i * 4, 4));
    return brands.includes('avif') || brands.includes('avis') ? undefined : 'heic';
  }
  return undefined;
}
