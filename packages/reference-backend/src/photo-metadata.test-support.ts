// Photos with the metadata a phone writes, built by hand around images the browser encoded, and
// readers for what the tests look for in the result.

const encoder = new TextEncoder();
const ascii = (text: string) => encoder.encode(text);

export function concatBytes(...pieces: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const result = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    result.set(piece, offset);
    offset += piece.length;
  }
  return result;
}

/** Where `needle` first occurs in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array | string): number {
  const wanted = typeof needle === 'string' ? ascii(needle) : needle;
  outer: for (let at = 0; at + wanted.length <= haystack.length; at += 1) {
    for (let index = 0; index < wanted.length; index += 1) if (haystack[at + index] !== wanted[index]) continue outer;
    return at;
  }
  return -1;
}

/** The place and device a phone records. */
export const GPS_LATITUDE = [48, 51, 2406];
export const MAKER = 'PhoneMaker Pro';

/**
 * A little-endian TIFF structure as a phone writes it in Exif: IFD0 with Make, Orientation and
 * the GPS IFD pointer (0x8825); the GPS IFD with latitude and longitude.
 */
export function exifTiff(orientation: number): Uint8Array<ArrayBuffer> {
  const tiff = new Uint8Array(168);
  const view = new DataView(tiff.buffer);
  tiff.set(ascii('II'), 0);
  view.setUint16(2, 42, true);
  view.setUint32(4, 8, true);
  const entry = (at: number, tag: number, type: number, count: number, value: number, short = false) => {
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, count, true);
    if (short) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, value, true);
  };
  view.setUint16(8, 3, true);
  entry(10, 0x010f, 2, MAKER.length + 1, 104); // Make, ASCII
  entry(22, 0x0112, 3, 1, orientation, true); // Orientation, SHORT
  entry(34, 0x8825, 4, 1, 50); // the GPS IFD
  view.setUint16(50, 4, true);
  entry(52, 0x0001, 2, 2, 0);
  tiff.set(ascii('N\0'), 60); // GPSLatitudeRef, held in the value field
  entry(64, 0x0002, 5, 3, 120); // GPSLatitude, three RATIONALs
  entry(76, 0x0003, 2, 2, 0);
  tiff.set(ascii('E\0'), 84); // GPSLongitudeRef
  entry(88, 0x0004, 5, 3, 144); // GPSLongitude
  tiff.set(ascii(`${MAKER}\0`), 104);
  const rationals = (at: number, [degrees, minutes, centiseconds]: number[]) => {
    [degrees, 1, minutes, 1, centiseconds, 100].forEach((value, index) => view.setUint32(at + index * 4, value ?? 0, true));
  };
  rationals(120, GPS_LATITUDE);
  rationals(144, [2, 17, 4010]);
  return tiff;
}

/** A JPEG marker segment: FF, the marker, the length, the payload. */
export function jpegSegment(marker: number, payload: Uint8Array | string): Uint8Array<ArrayBuffer> {
  const data = typeof payload === 'string' ? ascii(payload) : payload;
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint16(0, 0xff00 | marker);
  new DataView(head.buffer).setUint16(2, data.length + 2);
  return concatBytes(head, data);
}

export const XMP_PACKET =
  'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="48,51.401N"/></rdf:RDF></x:xmpmeta>';

/** An Adobe APP14 segment saying the components are YCbCr, as the browser's encoder made them. */
export const ADOBE_APP14 = jpegSegment(0xee, concatBytes(ascii('Adobe'), new Uint8Array([0, 100, 0, 0, 0, 0, 1])));

/** The segments a phone adds: Exif with GPS and the orientation, XMP, IPTC, a comment; and an Adobe segment. */
export function phoneSegments(orientation = 6): Uint8Array<ArrayBuffer>[] {
  return [
    jpegSegment(0xe1, concatBytes(ascii('Exif\0\0'), exifTiff(orientation))),
    jpegSegment(0xe1, XMP_PACKET),
    jpegSegment(0xed, concatBytes(ascii('Photoshop 3.0\0'), ascii('8BIM'), new Uint8Array([4, 4, 0, 0, 0, 0, 0, 9, 0x1c, 2, 0x5a, 0, 5]), ascii('Paris'))),
    jpegSegment(0xfe, 'taken at 12 rue Example'),
    ADOBE_APP14,
  ];
}

/** `jpeg` with `segments` spliced in right after its JFIF APP0 segment (or its start-of-image marker). */
export function withJpegSegments(jpeg: Uint8Array, segments: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const app0 = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 2 + ((jpeg[4] ?? 0) << 8 | (jpeg[5] ?? 0)) : 0;
  const at = 2 + app0;
  return concatBytes(jpeg.subarray(0, at), ...segments, jpeg.subarray(at));
}

/** The marker segments before the first start-of-scan: their markers and payloads. */
export function jpegHeaderSegments(jpeg: Uint8Array): { marker: number; data: Uint8Array }[] {
  const segments: { marker: number; data: Uint8Array }[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const length = ((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0);
    segments.push({ marker: jpeg[at + 1] ?? 0, data: jpeg.subarray(at + 4, at + 2 + length) });
    at += 2 + length;
  }
  return segments;
}

/** The bytes of a JPEG before its first start-of-scan marker, where metadata lives. */
export function jpegHeader(jpeg: Uint8Array): Uint8Array {
  const segments = jpegHeaderSegments(jpeg);
  const length = 2 + segments.reduce((sum, segment) => sum + segment.data.length + 4, 0);
  return jpeg.subarray(0, length);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A PNG chunk with its length and a valid CRC. */
export function pngChunk(type: string, payload: Uint8Array | string): Uint8Array<ArrayBuffer> {
  const data = typeof payload === 'string' ? ascii(payload) : payload;
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(ascii(type), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** The chunks a camera app or editor adds to a PNG. */
export function pngMetadataChunks(): Uint8Array<ArrayBuffer>[] {
  return [
    pngChunk('eXIf', exifTiff(6)),
    pngChunk('tEXt', 'GPS\0' + '48.8507N 2.2944E'),
    pngChunk('iTXt', `XML:com.adobe.xmp\0\0\0\0\0${XMP_PACKET}`),
    pngChunk('zTXt', concatBytes(ascii('Comment\0\0'), new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]))),
    pngChunk('tIME', new Uint8Array([0x07, 0xea, 11, 26, 9, 0, 0])),
  ];
}

/** `png` with `chunks` spliced in right after IHDR. */
export function withPngChunks(png: Uint8Array, chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return concatBytes(png.subarray(0, 33), ...chunks, png.subarray(33));
}

/** The chunk types of a PNG, in order. */
export function pngChunkTypes(png: Uint8Array): string[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const types: string[] = [];
  for (let at = 8; at + 12 <= png.length; at += 12 + view.getUint32(at)) types.push(String.fromCharCode(...png.subarray(at + 4, at + 8)));
  return types;
}

/** A RIFF chunk: the FourCC, the little-endian size, the payload and a padding byte when odd. */
export function riffChunk(fourcc: string, payload: Uint8Array | string): Uint8Array<ArrayBuffer> {
  const data = typeof payload === 'string' ? ascii(payload) : payload;
  const chunk = new Uint8Array(8 + data.length + (data.length & 1));
  chunk.set(ascii(fourcc), 0);
  new DataView(chunk.buffer).setUint32(4, data.length, true);
  chunk.set(data, 8);
  return chunk;
}

/** The chunks of a WebP file after its RIFF header, as FourCC and payload. */
export function webpChunks(webp: Uint8Array): { fourcc: string; data: Uint8Array }[] {
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
  const chunks: { fourcc: string; data: Uint8Array }[] = [];
  for (let at = 12; at + 8 <= webp.length; ) {
    const size = view.getUint32(at + 4, true);
    chunks.push({ fourcc: String.fromCharCode(...webp.subarray(at, at + 4)), data: webp.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  return chunks;
}

/**
 * An extended (VP8X) WebP around the image chunks (ICC profile, VP8 data) of a browser-encoded one,
 * with `extra` chunks after the image and `flags` in the VP8X header (the ICC flag set when there is a profile).
 */
export function extendedWebp(encoded: Uint8Array, width: number, height: number, flags: number, extra: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const image = webpChunks(encoded).filter((chunk) => chunk.fourcc !== 'VP8X');
  const header = new Uint8Array(10);
  header[0] = flags | (image.some((chunk) => chunk.fourcc === 'ICCP') ? WEBP_ICC_FLAG : 0);
  const canvas = [width - 1, height - 1];
  canvas.forEach((value, index) => header.set([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff], 4 + index * 3));
  const body = concatBytes(ascii('WEBP'), riffChunk('VP8X', header), ...image.map((chunk) => riffChunk(chunk.fourcc, chunk.data)), ...extra);
  const riff = new Uint8Array(8);
  riff.set(ascii('RIFF'), 0);
  new DataView(riff.buffer).setUint32(4, body.length, true);
  return concatBytes(riff, body);
}

/** The Exif and XMP chunks a WebP can carry, with their VP8X flags. */
export const WEBP_ICC_FLAG = 0x20;
export const WEBP_EXIF_FLAG = 0x08;
export const WEBP_XMP_FLAG = 0x04;
export function webpMetadataChunks(): Uint8Array<ArrayBuffer>[] {
  return [riffChunk('EXIF', exifTiff(6)), riffChunk('XMP ', XMP_PACKET.slice(XMP_PACKET.indexOf('<')))];
}

/** Width and height of the decoded image, with the orientation applied as the browser shows it. */
export async function decodedSize(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(new Blob([bytes], { type }));
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}
