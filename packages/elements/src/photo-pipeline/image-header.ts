import type { ImageFormat } from './image-format.js';

/** What a picture's header says, read before any pixel is decoded. */
export interface ImageHeader {
  /** Pixel width as stored, before the orientation is applied. */
  readonly width: number;
  /** Pixel height as stored. */
  readonly height: number;
  /** The EXIF orientation, 1 (upright) to 8; 5 to 8 turn the picture a quarter. */
  readonly orientation: number;
}

/** The header's answer for the bytes read so far: the header, none (damaged), or read more. */
export type HeaderResult = ImageHeader | 'damaged' | 'more';

const u16be = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u16le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32le = (b: Uint8Array, i: number): number => (u16le(b, i) | (u16le(b, i + 2) << 16)) >>> 0;
const fourcc = (b: Uint8Array, i: number): string => String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);

/** The picture as it is shown: width and height swapped for the orientations that turn it a quarter. */
export function orientedSize({ width, height, orientation }: ImageHeader): { width: number; height: number } {
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * The orientation tag (0x0112) of a TIFF structure, the body of an EXIF block, within
 * `[start, end)`; 1 when absent or unreadable. Every offset is checked against the bounds: the
 * block comes from the file, and a hostile one points anywhere.
 */
export function tiffOrientation(b: Uint8Array, start: number, end: number): number {
  if (end - start < 8 || end > b.length) return 1;
  const order = fourcc(b, start).slice(0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const u16 = order === 'II' ? u16le : u16be;
  const u32 = order === 'II' ? u32le : u32be;
  const ifd = start + u32(b, start + 4);
  if (ifd + 2 > end) return 1;
  const count = u16(b, ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (u16(b, entry) === 0x0112) {
      const value = u16(b, entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function jpegHeader(b: Uint8Array): HeaderResult {
  let orientation = 1;
  let exif = false;
  let pos = 2;
  while (pos + 4 <= b.length) {
    if (b[pos] !== 0xff) return 'damaged';
    const marker = b[pos + 1]!;
    // Fill bytes, and markers that carry no length.
    if (marker === 0xff) { pos += 1; continue; }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) { pos += 2; continue; }
    // The image data or its end before any frame header: no picture to speak of.
    if (marker === 0xda || marker === 0xd9) return 'damaged';
    const length = u16be(b, pos + 2);
    if (length < 2) return 'damaged';
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (pos + 9 > b.length) return 'more';
      const height = u16be(b, pos + 5);
      const width = u16be(b, pos + 7);
      return width > 0 && height > 0 ? { width, height, orientation } : 'damaged';
    }
    const end = pos + 2 + length;
    // The first EXIF block is the one decoders read.
    if (marker === 0xe1 && !exif && end <= b.length && fourcc(b, pos + 4) === 'Exif') {
      orientation = tiffOrientation(b, pos + 10, end);
      exif = true;
    }
    pos = end;
  }
  return 'more';
}

function pngHeader(b: Uint8Array): HeaderResult {
  if (b.length < 24) return 'more';
  if (fourcc(b, 12) !== 'IHDR') return 'damaged';
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  if (width === 0 || height === 0) return 'damaged';
  // An eXIf chunk, if any, comes before the image data: the chunks up to it are read.
  for (let pos = 8; ; ) {
    if (pos + 8 > b.length) return 'more';
    const length = u32be(b, pos);
    const type = fourcc(b, pos + 4);
    if (type === 'IDAT' || type === 'IEND') return { width, height, orientation: 1 };
    if (type === 'eXIf') return pos + 8 + length <= b.length ? { width, height, orientation: tiffOrientation(b, pos + 8, pos + 8 + length) } : 'more';
    pos += 12 + length;
  }
}

/**
 * A GIF's size is its logical screen's, or larger: browsers grow the picture to hold its first
 * frame, which may be declared far larger than the screen (a decompression bomb in a 1 x 1 GIF).
 */
function gifHeader(b: Uint8Array): HeaderResult {
  if (b.length < 13) return 'more';
  let width = u16le(b, 6);
  let height = u16le(b, 8);
  // The global colour table, if any, follows the screen descriptor.
  let pos = 13 + ((b[10]! & 0x80) === 0 ? 0 : 3 * 2 ** ((b[10]! & 0x07) + 1));
  for (;;) {
    if (pos >= b.length) return 'more';
    const introducer = b[pos]!;
    if (introducer === 0x2c) {
      if (pos + 9 > b.length) return 'more';
      width = Math.max(width, u16le(b, pos + 1) + u16le(b, pos + 5));
      height = Math.max(height, u16le(b, pos + 3) + u16le(b, pos + 7));
      return width > 0 && height > 0 ? { width, height, orientation: 1 } : 'damaged';
    }
    if (introducer !== 0x21) return 'damaged';
    // An extension: its label, then sub-blocks until an empty one.
    pos += 2;
    for (;;) {
      if (pos >= b.length) return 'more';
      const size = b[pos]!;
      pos += 1 + size;
      if (size === 0) break;
    }
  }
}

function webpHeader(b: Uint8Array, complete: boolean): HeaderResult {
  if (b.length < 30) return 'more';
  let size: { width: number; height: number } | undefined;
  const chunk = fourcc(b, 12);
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return 'damaged';
    size = { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  } else if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return 'damaged';
    const bits = u32le(b, 21);
    size = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  } else if (chunk === 'VP8X') {
    size = { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    // The extended format may carry EXIF, whose orientation the browser applies.
    if ((b[20]! & 0x08) !== 0) {
      for (let pos = 12; pos + 8 <= b.length; pos += 8 + u32le(b, pos + 4) + (u32le(b, pos + 4) & 1)) {
        if (fourcc(b, pos) !== 'EXIF') continue;
        const start = pos + 8 + (fourcc(b, pos + 8) === 'Exif' ? 6 : 0);
        const end = pos + 8 + u32le(b, pos + 4);
        if (end > b.length) return 'more';
        return size.width > 0 && size.height > 0 ? { ...size, orientation: tiffOrientation(b, start, end) } : 'damaged';
      }
      // The EXIF chunk comes after the image data, which may not have been read yet; a file read
      // to its end without one (the flag set in vain) is upright.
      return complete ? { ...size, orientation: 1 } : 'more';
    }
  } else {
    return 'damaged';
  }
  return size.width > 0 && size.height > 0 ? { ...size, orientation: 1 } : 'damaged';
}

/**
 * HEIF keeps each image's size in an `ispe` property; a photo split into tiles has one per tile
 * and one for the whole, the largest. An `irot` property turns it by quarters.
 */
function heicHeader(b: Uint8Array): HeaderResult {
  let best: { width: number; height: number } | undefined;
  let quarter = false;
  for (let i = 4; i + 16 <= b.length; i++) {
    if (b[i] !== 0x69) continue; // 'i'
    const type = fourcc(b, i);
    if (type === 'ispe') {
      const width = u32be(b, i + 8);
      const height = u32be(b, i + 12);
      if (best === undefined || width * height > best.width * best.height) best = { width, height };
    } else if (type === 'irot') {
      quarter = (b[i + 4]! & 1) === 1;
    }
  }
  if (best === undefined) return 'more';
  return best.width > 0 && best.height > 0 ? { ...best, orientation: quarter ? 6 : 1 } : 'damaged';
}

const READERS: Readonly<Record<ImageFormat, (bytes: Uint8Array, complete: boolean) => HeaderResult>> = {
  jpeg: jpegHeader,
  png: pngHeader,
  gif: gifHeader,
  webp: webpHeader,
  heic: heicHeader,
};

/** Reads the header of a picture of `format` from its leading bytes; `complete` when they are the whole file. */
export function parseHeader(bytes: Uint8Array, format: ImageFormat, complete = false): HeaderResult {
  return READERS[format](bytes, complete);
}

/** How much of a file is read first: its signature and, nearly always, its whole header. */
export const HEAD_BYTES = 64 * 1024;

/**
 * Reads the header of `blob`, a picture of `format`, reading only as much of the file as the
 * header needs: its first `HEAD_BYTES` (`head`, when the caller has read them already), then four
 * times more each time that is not enough. Undefined when the file ends before a header is found, or the header is
 * damaged.
 */
export async function readHeader(blob: Blob, format: ImageFormat, head?: Uint8Array): Promise<ImageHeader | undefined> {
  let bytes = head ?? new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer());
  for (let length = HEAD_BYTES; ; length *= 4) {
    const result = parseHeader(bytes, format, length >= blob.size);
    if (result !== 'more') return result === 'damaged' ? undefined : result;
    if (length >= blob.size) return undefined;
    bytes = new Uint8Array(await blob.slice(0, length * 4).arrayBuffer());
  }
}
