import type { PhotoContentType } from '@amicable/protocol';

// Photos are judged by their bytes, never by a name or a declared type, and without decoding them:
// the type from the magic bytes, the size from the header. A decoder is where image exploits live.

/** An image's type and size as its header states them. */
export interface ImageHeader {
  readonly contentType: PhotoContentType;
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + prefix.length && prefix.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

/**
 * The image type the magic bytes announce: JPEG (`FF D8 FF`), PNG (its 8-byte signature) or WebP
 * (`RIFF`, four bytes, `WEBP`); `null` for anything else (GIF, SVG, executables, empty files).
 */
export function sniffImageType(bytes: Uint8Array): PhotoContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/**
 * Width and height from the header of an image of `type`, or `null` when the header cannot be
 * read (truncated, or not what the type says). Zero is returned as stated: judging it is the caller's job.
 */
export function readImageSize(bytes: Uint8Array, type: PhotoContentType): { readonly width: number; readonly height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (type) {
    case 'image/png':
      return pngSize(bytes, view);
    case 'image/jpeg':
      return jpegSize(bytes, view);
    case 'image/webp':
      return webpSize(bytes, view);
  }
}

/** The type and size of an image from its first bytes, or `null` when it is no image we read. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const contentType = sniffImageType(bytes);
  if (contentType === null) return null;
  const size = readImageSize(bytes, contentType);
  return size === null ? null : { contentType, ...size };
}

/** PNG: the first chunk is IHDR, with the width and height as big-endian 32-bit integers. */
function pngSize(bytes: Uint8Array, view: DataView) {
  if (bytes.length < 24 || !startsWith(bytes, PNG_SIGNATURE) || !startsWith(bytes, ascii('IHDR'), 12)) return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers (SOF0-SOF15) carry the size; C4, C8 and CC share the range but are not frames. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walks the marker segments up to the first start-of-frame, which holds height then width. */
function jpegSize(bytes: Uint8Array, view: DataView) {
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    // Any number of FF fill bytes may precede a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Markers without a length: SOI, RST0-RST7, TEM.
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    // The image data or its end, before any frame header: no size to read.
    if (marker === 0xd9 || marker === 0xda) return null;
    if (at + 4 > bytes.length) return null;
    const length = view.getUint16(at + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (length < 7 || at + 9 > bytes.length) return null;
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** WebP: the first chunk says the kind: lossy (VP8), lossless (VP8L) or extended (VP8X). */
function webpSize(bytes: Uint8Array, view: DataView) {
  if (bytes.length < 16) return null;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  switch (chunk) {
    case 'VP8 ':
      // A 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height (2 bits of scale above).
      if (bytes.length < 30 || !startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return null;
      return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    case 'VP8L': {
      // The signature 2F, then width - 1 and height - 1 in 14 bits each, least significant first.
      if (bytes.length < 25 || bytes[20] !== 0x2f) return null;
      const bits = view.getUint32(21, true);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      // Flags and reserved bytes, then the canvas width - 1 and height - 1 in 24 bits each, little-endian.
      if (bytes.length < 30) return null;
      return { width: uint24(bytes, 24) + 1, height: uint24(bytes, 27) + 1 };
    default:
      return null;
  }
}

function uint24(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
}
