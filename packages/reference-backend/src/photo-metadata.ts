import type { PhotoContentType } from '@amicable/protocol';
import { concatBytes } from './concat-bytes.js';

// A phone photo carries where it was taken (GPS) and with which device (make, model, serial) in its
// metadata; the seller must see the parcel, not the buyer's home. The metadata is cut out by walking
// the file's structure and dropping whole segments or chunks: nothing is decoded or re-encoded, so the
// pixels, colour profile and compressed data stay exactly as uploaded, and the walk is linear in the size.

/** The outcome of stripping: the bytes without metadata, or why the file's structure cannot be walked. */
export type StrippedPhoto =
  | { readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly ok: false; readonly detail: string };

/**
 * The photo without its location and device metadata: JPEG APP1 (Exif, XMP), APP13 (IPTC) and COM
 * segments; PNG eXIf, tEXt, iTXt, zTXt and tIME chunks; WebP EXIF and XMP chunks; and anything
 * appended after the image's end (a phone's second picture or video). Everything else is
 * kept byte for byte, and a JPEG's Exif orientation other than 1 is kept in a minimal Exif segment
 * that holds only that tag. Deterministic, and a file without metadata comes back as it is (the same
 * array). A structure that cannot be walked (truncated, lengths past the end) is refused with a detail.
 */
export function stripMetadata(bytes: Uint8Array<ArrayBuffer>, type: PhotoContentType): StrippedPhoto {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
  }
}

const broken = (type: string, why: string): { readonly ok: false; readonly detail: string } => ({ ok: false, detail: `the ${type} structure is broken: ${why}` });

function asciiAt(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** JPEG markers whose segments carry metadata: APP1 (Exif, XMP), APP13 (IPTC, Photoshop), COM. */
const JPEG_METADATA = new Set([0xe1, 0xed, 0xfe]);
const SOS = 0xda;
const EOI = 0xd9;
const ORIENTATION_TAG = 0x0112;

/**
 * Walks the marker segments up to the first start-of-scan, dropping the metadata ones, then the
 * scans (`walkScans`).
 */
function stripJpeg(bytes: Uint8Array<ArrayBuffer>): StrippedPhoto {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return broken('JPEG', 'it does not start with a start-of-image marker');
  const pieces: Uint8Array[] = [bytes.subarray(0, 2)];
  let dropped = false;
  let orientation = 1;
  let exifIndex = -1;
  let at = 2;
  for (;;) {
    if (at >= bytes.length) return broken('JPEG', 'it ends before its image data');
    if (bytes[at] !== 0xff) return broken('JPEG', `no marker at byte ${at}`);
    // Any number of FF fill bytes may precede a marker; they stay with the segment they precede.
    let markerAt = at + 1;
    while (markerAt < bytes.length && bytes[markerAt] === 0xff) markerAt += 1;
    if (markerAt >= bytes.length) return broken('JPEG', 'it ends inside a marker');
    const marker = bytes[markerAt] ?? 0;
    const next = markerAt + 1;
    if (marker === SOS) {
      const scans = walkScans(bytes, view, at);
      if (!scans.ok) return scans;
      pieces.push(...scans.pieces);
      dropped ||= scans.dropped;
      break;
    }
    if (marker === EOI) return broken('JPEG', 'it ends before its image data');
    if (marker === 0x00) return broken('JPEG', `no marker at byte ${at}`);
    // Markers without a length: TEM and RST0-RST7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pieces.push(bytes.subarray(at, next));
      at = next;
      continue;
    }
    if (next + 2 > bytes.length) return broken('JPEG', 'a segment is cut off');
    const length = view.getUint16(next);
    const end = next + length;
    if (length < 2) return broken('JPEG', `a segment at byte ${at} has a length below 2`);
    if (end > bytes.length) return broken('JPEG', `a segment at byte ${at} runs past the end of the file`);
    if (JPEG_METADATA.has(marker)) {
      dropped = true;
      const data = bytes.subarray(next + 2, end);
      if (marker === 0xe1 && exifIndex === -1 && asciiAt(data, 0, 6) === 'Exif\0\0') {
        exifIndex = pieces.length;
        orientation = exifOrientation(data.subarray(6)) ?? 1;
      }
    } else {
      pieces.push(bytes.subarray(at, end));
    }
    at = end;
  }
  if (!dropped) return { ok: true, bytes };
  // Without the Exif segment, viewers would show a portrait photo on its side: keep that one tag.
  if (orientation !== 1) pieces.splice(exifIndex, 0, orientationOnlyExif(orientation));
  return { ok: true, bytes: concatBytes(pieces) };
}

/**
 * From the first start-of-scan to the end of image: the scans' data is kept as it is, metadata
 * segments between the scans of a progressive JPEG are dropped, and so is anything after the end
 * of image (some phones append a second picture or a video there, which can carry a location). A
 * file that ends inside its image data is kept to its end: the pixels that came are the buyer's.
 */
function walkScans(
  bytes: Uint8Array<ArrayBuffer>,
  view: DataView,
  sosAt: number,
): { readonly ok: true; readonly pieces: Uint8Array[]; readonly dropped: boolean } | { readonly ok: false; readonly detail: string } {
  const pieces: Uint8Array[] = [];
  let dropped = false;
  let keptFrom = sosAt;
  const segmentEnd = (markerAt: number): number | null => {
    if (markerAt + 4 > bytes.length) return null;
    const end = markerAt + 2 + view.getUint16(markerAt + 2);
    return end > bytes.length ? null : end;
  };
  let at = segmentEnd(sosAt);
  if (at === null) return broken('JPEG', `the start-of-scan at byte ${sosAt} is cut off`);
  while (at < bytes.length - 1) {
    if (bytes[at] !== 0xff) {
      at += 1;
      continue;
    }
    const marker = bytes[at + 1] ?? 0;
    // In scan data FF 00 is a stuffed FF, RST0-RST7 restart intervals, FF FF fill before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === EOI) {
      pieces.push(bytes.subarray(keptFrom, at + 2));
      return { ok: true, pieces, dropped: dropped || at + 2 < bytes.length };
    }
    // A segment between scans (tables, the next scan's header, or metadata): skipped by its length.
    const end = segmentEnd(at);
    if (end === null) return broken('JPEG', `a segment at byte ${at} runs past the end of the file`);
    if (JPEG_METADATA.has(marker)) {
      pieces.push(bytes.subarray(keptFrom, at));
      keptFrom = end;
      dropped = true;
    }
    at = end;
  }
  pieces.push(bytes.subarray(keptFrom));
  return { ok: true, pieces, dropped };
}

/** The Orientation (0x0112) in IFD0 of a TIFF structure, when it is there and valid (1-8); else `null`. */
function exifOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = asciiAt(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  if (view.getUint16(2, little) !== 42) return null;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const count = view.getUint16(ifd, little);
  for (let index = 0; index < count; index += 1) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) return null;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    // A SHORT, one value, held in the first two bytes of the value field.
    if (view.getUint16(entry + 2, little) !== 3 || view.getUint32(entry + 4, little) !== 1) return null;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/**
 * An APP1 Exif segment whose TIFF structure (big-endian) holds IFD0 with the one Orientation entry
 * and no next IFD: 36 bytes, nothing about the place or the device.
 */
export function orientationOnlyExif(orientation: number): Uint8Array<ArrayBuffer> {
  const segment = new Uint8Array(36);
  const view = new DataView(segment.buffer);
  view.setUint16(0, 0xffe1);
  view.setUint16(2, 34);
  segment.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4); // "Exif\0\0"
  segment.set([0x4d, 0x4d, 0x00, 0x2a], 10); // "MM", 42
  view.setUint32(14, 8); // IFD0 right after the 8-byte TIFF header
  view.setUint16(18, 1); // one entry
  view.setUint16(20, ORIENTATION_TAG);
  view.setUint16(22, 3); // SHORT
  view.setUint32(24, 1); // one value
  view.setUint16(28, orientation);
  // Two bytes of value padding, then the next-IFD offset 0: already zero.
  return segment;
}

const PNG_METADATA = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** Walks the chunks up to IEND, dropping the metadata ones and anything after IEND. */
function stripPng(bytes: Uint8Array<ArrayBuffer>): StrippedPhoto {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) return broken('PNG', 'the signature is cut off');
  const pieces: Uint8Array[] = [bytes.subarray(0, 8)];
  let dropped = false;
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return broken('PNG', `a chunk at byte ${at} is cut off`);
    const length = view.getUint32(at);
    // The specification caps a chunk's length at 2^31 - 1.
    if (length > 0x7fffffff) return broken('PNG', `a chunk at byte ${at} has an invalid length`);
    const end = at + 12 + length;
    if (end > bytes.length) return broken('PNG', `a chunk at byte ${at} runs past the end of the file`);
    const type = asciiAt(bytes, at + 4, 4);
    if (PNG_METADATA.has(type)) dropped = true;
    else pieces.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') {
      // Anything after the end (an appended file) goes with the metadata.
      dropped ||= at < bytes.length;
      break;
    }
  }
  return dropped ? { ok: true, bytes: concatBytes(pieces) } : { ok: true, bytes };
}

const WEBP_METADATA = new Set(['EXIF', 'XMP ']);
/** The VP8X header's flags that announce EXIF and XMP chunks. */
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

/**
 * Walks the RIFF chunks, dropping EXIF and XMP, then clears their flags in the VP8X header and
 * writes the new RIFF size; bytes after the RIFF container are dropped.
 */
function stripWebp(bytes: Uint8Array<ArrayBuffer>): StrippedPhoto {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) return broken('WebP', 'the RIFF header is cut off');
  const end = 8 + view.getUint32(4, true);
  if (end > bytes.length) return broken('WebP', 'the RIFF size runs past the end of the file');
  const chunks: Uint8Array[] = [];
  let dropped = false;
  let at = 12;
  while (at < end) {
    if (at + 8 > end) return broken('WebP', `a chunk at byte ${at} is cut off`);
    const size = view.getUint32(at + 4, true);
    // A chunk of odd size is followed by one byte of padding.
    const chunkEnd = at + 8 + size + (size & 1);
    if (chunkEnd > end) return broken('WebP', `a chunk at byte ${at} runs past the end of the RIFF container`);
    if (WEBP_METADATA.has(asciiAt(bytes, at, 4))) dropped = true;
    else chunks.push(bytes.subarray(at, chunkEnd));
    at = chunkEnd;
  }
  if (!dropped && end === bytes.length) return { ok: true, bytes };
  const result = concatBytes([bytes.subarray(0, 12), ...chunks]);
  const out = new DataView(result.buffer);
  out.setUint32(4, 4 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), true);
  const first = chunks[0];
  if (first !== undefined && first.length >= 18 && asciiAt(first, 0, 4) === 'VP8X') {
    result[20] = (result[20] ?? 0) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
  }
  return { ok: true, bytes: result };
}
