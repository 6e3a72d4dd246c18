// Pictures for the photo pipeline's tests and benchmark, made in the browser: nothing downloaded.

/** Draws `paint` on a `width` x `height` canvas and encodes it. */
export async function encodeCanvas(
  width: number,
  height: number,
  paint: (context: OffscreenCanvasRenderingContext2D) => void,
  type = 'image/jpeg',
  quality = 0.92,
): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  paint(canvas.getContext('2d')!);
  return new Uint8Array(await (await canvas.convertToBlob({ type, quality })).arrayBuffer());
}

/** A landscape JPEG as a sensor stores one: its left half red, its right half blue. */
export function halves(width: number, height: number): Promise<Uint8Array> {
  return encodeCanvas(width, height, (context) => {
    context.fillStyle = '#f00';
    context.fillRect(0, 0, width / 2, height);
    context.fillStyle = '#00f';
    context.fillRect(width / 2, 0, width / 2, height);
  });
}

/** A file of `bytes`, with a name and a declared type that may lie. */
export function asFile(bytes: Uint8Array | readonly Uint8Array[], name: string, type = ''): File {
  return new File(bytes instanceof Uint8Array ? [bytes as Uint8Array<ArrayBuffer>] : (bytes as Uint8Array<ArrayBuffer>[]), name, { type });
}

/** The pixels of an encoded picture, decoded as the browser shows it (orientation applied). */
export async function pixelsOf(blob: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/** The colour at (x, y) as [r, g, b, a]. */
export function pixelAt(image: ImageData, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 4)];
}

/**
 * An EXIF block (APP1) as a phone writes one: camera make, orientation, and a GPS position
 * (52°22'12.34" N, 4°53'45.67" E), in little-endian TIFF.
 */
export function exifSegment(orientation: number): Uint8Array {
  const tiff = new DataView(new ArrayBuffer(256));
  let at = 0;
  const u16 = (value: number) => { tiff.setUint16(at, value, true); at += 2; };
  const u32 = (value: number) => { tiff.setUint32(at, value, true); at += 4; };
  const entry = (tag: number, type: number, count: number, value: number) => { u16(tag); u16(type); u32(count); u32(value); };
  const SHORT = 3, LONG = 4, ASCII = 2, RATIONAL = 5, BYTE = 1;
  // Header, then IFD0 at 8: three entries (8 + 2 + 36 + 4 = 50), its data from 50.
  u16(0x4949); u16(42); u32(8);
  u16(3);
  entry(0x010f, ASCII, 8, 50); // Make
  entry(0x0112, SHORT, 1, orientation);
  entry(0x8825, LONG, 1, 58); // GPS IFD
  u32(0);
  new TextEncoder().encodeInto('Amiphon\0', new Uint8Array(tiff.buffer, 50, 8));
  // The GPS IFD at 58: five entries (58 + 2 + 60 + 4 = 124), rationals from 124.
  at = 58;
  u16(5);
  entry(0x0000, BYTE, 4, 0x00000302); // version 2.3.0.0
  entry(0x0001, ASCII, 2, 0x4e); // 'N'
  entry(0x0002, RATIONAL, 3, 124);
  entry(0x0003, ASCII, 2, 0x45); // 'E'
  entry(0x0004, RATIONAL, 3, 148);
  u32(0);
  for (const [numerator, denominator] of [[52, 1], [22, 1], [1234, 100], [4, 1], [53, 1], [4567, 100]] as const) {
    u32(numerator);
    u32(denominator);
  }
  const body = new Uint8Array(tiff.buffer, 0, at);
  const segment = new Uint8Array(4 + 6 + body.length);
  segment.set([0xff, 0xe1, (segment.length - 2) >> 8, (segment.length - 2) & 0xff]);
  segment.set(new TextEncoder().encode('Exif\0\0'), 4);
  segment.set(body, 10);
  return segment;
}

/** `jpeg` with an EXIF block spliced in after its start marker. */
export function withExif(jpeg: Uint8Array, orientation: number): Uint8Array {
  const segment = exifSegment(orientation);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2));
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}

/** Which metadata a file carries. */
export interface Metadata {
  exif: boolean;
  gps: boolean;
  xmp: boolean;
  /** The colour profile's description (the encoder tags its output "sRGB"), if one is embedded. */
  icc: string | undefined;
  /** A comment, IPTC or PNG text block. */
  comment: boolean;
}

/** The English description of an ICC profile starting at `start` (its `desc` tag, `mluc` or `desc` typed). */
function iccDescription(b: Uint8Array, start: number): string {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = view.getUint32(start + 128);
  for (let i = 0; i < count; i++) {
    const entry = start + 132 + i * 12;
    if (text(b, entry, 4) !== 'desc') continue;
    const tag = start + view.getUint32(entry + 4);
    if (text(b, tag, 4) === 'desc') return text(b, tag + 12, view.getUint32(tag + 8) - 1);
    const record = tag + 16;
    const length = view.getUint32(record + 4);
    const offset = tag + view.getUint32(record + 8);
    return String.fromCharCode(...Array.from({ length: length / 2 }, (_, k) => view.getUint16(offset + k * 2)));
  }
  return '';
}

const text = (b: Uint8Array, start: number, length: number): string => String.fromCharCode(...b.subarray(start, start + length));

/** Whether the TIFF structure in [start, end) points to a GPS directory (tag 0x8825) from IFD0. */
function tiffHasGps(b: Uint8Array, start: number, end: number): boolean {
  const view = new DataView(b.buffer, b.byteOffset);
  const little = text(b, start, 2) === 'II';
  if (end - start < 8) return false;
  const ifd = start + view.getUint32(start + 4, little);
  if (ifd + 2 > end) return false;
  for (let i = 0; i < view.getUint16(ifd, little); i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 <= end && view.getUint16(entry, little) === 0x8825) return true;
  }
  return false;
}

/**
 * The metadata blocks of a JPEG (APPn segments and comments before the image data), a WebP or
 * a PNG (chunks), parsed from the bytes: what would reach the backend.
 */
export function metadataOf(b: Uint8Array): Metadata {
  const found: Metadata = { exif: false, gps: false, xmp: false, icc: undefined, comment: false };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b[0] === 0xff && b[1] === 0xd8) {
    for (let pos = 2; pos + 4 <= b.length && b[pos] === 0xff; ) {
      const marker = b[pos + 1]!;
      if (marker === 0xda || marker === 0xd9) break;
      const end = pos + 2 + view.getUint16(pos + 2);
      if (marker === 0xe1 && text(b, pos + 4, 4) === 'Exif') {
        found.exif = true;
        found.gps ||= tiffHasGps(b, pos + 10, end);
      }
      if (marker === 0xe1 && text(b, pos + 4, 20).startsWith('http://ns.adobe.com/')) found.xmp = true;
      if (marker === 0xe2 && text(b, pos + 4, 11) === 'ICC_PROFILE') found.icc = iccDescription(b, pos + 18);
      if (marker === 0xfe || marker === 0xed) found.comment = true;
      pos = end;
    }
  } else if (text(b, 0, 4) === 'RIFF') {
    for (let pos = 12; pos + 8 <= b.length; pos += 8 + view.getUint32(pos + 4, true) + (view.getUint32(pos + 4, true) & 1)) {
      const chunk = text(b, pos, 4);
      if (chunk === 'EXIF') {
        found.exif = true;
        const start = pos + 8 + (text(b, pos + 8, 4) === 'Exif' ? 6 : 0);
        found.gps ||= tiffHasGps(b, start, pos + 8 + view.getUint32(pos + 4, true));
      }
      if (chunk === 'XMP ') found.xmp = true;
      if (chunk === 'ICCP') found.icc = iccDescription(b, pos + 8);
    }
  } else if (text(b, 1, 3) === 'PNG') {
    for (let pos = 8; pos + 8 <= b.length; pos += 12 + view.getUint32(pos)) {
      const chunk = text(b, pos + 4, 4);
      if (chunk === 'eXIf') {
        found.exif = true;
        found.gps ||= tiffHasGps(b, pos + 8, pos + 8 + view.getUint32(pos));
      }
      if (chunk === 'iCCP') found.icc = 'compressed';
      if (chunk === 'tEXt' || chunk === 'zTXt' || chunk === 'iTXt') found.comment = true;
    }
  }
  return found;
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A PNG that announces `width` x `height` and has no image data: what a decompression bomb starts with. */
export function pngHeader(width: number, height: number): Uint8Array {
  const out = new Uint8Array(8 + 25 + 12);
  const view = new DataView(out.buffer);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  view.setUint32(8, 13);
  out.set(new TextEncoder().encode('IHDR'), 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  out.set([8, 6, 0, 0, 0], 24); // 8-bit RGBA
  view.setUint32(29, crc32(out.subarray(12, 29)));
  view.setUint32(33, 0);
  out.set(new TextEncoder().encode('IEND'), 37);
  view.setUint32(41, crc32(out.subarray(37, 41)));
  return out;
}

/** A looping animated GIF of 1x1 pixel: a red frame, then a blue one. */
export function animatedGif(): Uint8Array {
  const frame = (index: number) => [
    0x21, 0xf9, 0x04, 0x00, 0x32, 0x00, 0x00, 0x00, // graphic control: 0.5 s
    0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x00, // image descriptor, 1x1
    0x02, 0x02, index === 0 ? 0x44 : 0x4c, 0x01, 0x00, // LZW: clear, the index, end
  ];
  return new Uint8Array([
    ...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, // 1x1, a global table of two colours
    0xff, 0x00, 0x00, 0x00, 0x00, 0xff,
    0x21, 0xff, 0x0b, ...new TextEncoder().encode('NETSCAPE2.0'), 0x03, 0x01, 0x00, 0x00, 0x00, // loop forever
    ...frame(0),
    ...frame(1),
    0x3b,
  ]);
}

/**
 * A 32x16 CMYK JPEG (with the Adobe marker print software writes) of the colour rgb(200, 30, 30),
 * made with `convert -size 32x16 xc:'rgb(200,30,30)' -colorspace CMYK -strip -quality 90`.
 */
export const CMYK_JPEG = Uint8Array.from(
  atob('/9j/7gAOQWRvYmUAZAAAAAAC/9sAQwADAgIDAgIDAwMDBAMDBAUIBQUEBAUKBwcGCAwKDAwLCgsLDQ4SEA0OEQ4LCxAWEBETFBUVFQwPFxgWFBgSFBUU/9sAQwEDBAQFBAUJBQUJFA0LDRQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU/8AAFAgAEAAgBAERAAIRAQMRAQQRAP/EABYAAQEBAAAAAAAAAAAAAAAAAAAHCP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAWAQEBAQAAAAAAAAAAAAAAAAAABwn/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADgQBAAIRAxEEAAA/AKAsbNxsAAAAAAAAAAf/2Q=='),
  (char) => char.charCodeAt(0),
);

/**
 * `webp` (as the canvas encodes one) in the extended format with its EXIF flag set and, given an
 * orientation, an EXIF chunk after the image data; without one, the flag is set in vain.
 */
export function extendedWebp(webp: Uint8Array, orientation?: number): Uint8Array {
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
  const first = text(webp, 12, 4);
  let flags = 0x08;
  let width: number;
  let height: number;
  let image: Uint8Array;
  if (first === 'VP8X') {
    flags |= webp[20]!;
    width = (view.getUint32(24, true) & 0xffffff) + 1;
    height = (view.getUint32(27, true) & 0xffffff) + 1;
    image = webp.subarray(30);
  } else if (first === 'VP8 ') {
    width = view.getUint16(26, true) & 0x3fff;
    height = view.getUint16(28, true) & 0x3fff;
    image = webp.subarray(12);
  } else {
    throw new Error(`a WebP of kind ${first} is not handled`);
  }
  const exif = orientation === undefined ? new Uint8Array(0) : exifSegment(orientation).subarray(10);
  const exifChunk = exif.length === 0 ? new Uint8Array(0) : new Uint8Array(8 + exif.length + (exif.length & 1));
  if (exifChunk.length > 0) {
    exifChunk.set(new TextEncoder().encode('EXIF'));
    new DataView(exifChunk.buffer).setUint32(4, exif.length, true);
    exifChunk.set(exif, 8);
  }
  const out = new Uint8Array(30 + image.length + exifChunk.length);
  const outView = new DataView(out.buffer);
  out.set(new TextEncoder().encode('RIFF'));
  outView.setUint32(4, out.length - 8, true);
  out.set(new TextEncoder().encode('WEBPVP8X'), 8);
  outView.setUint32(16, 10, true);
  out[20] = flags;
  outView.setUint16(24, (width - 1) & 0xffff, true);
  out[26] = (width - 1) >> 16;
  outView.setUint16(27, (height - 1) & 0xffff, true);
  out[29] = (height - 1) >> 16;
  out.set(image, 30);
  out.set(exifChunk, 30 + image.length);
  return out;
}

/** A GIF whose screen is 1 x 1 and whose first frame says `width` x `height`: a bomb in a tiny file. */
export function gifBomb(width: number, height: number): Uint8Array {
  return new Uint8Array([
    ...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0, 0x00, 0, 0, // 1x1, no global colour table
    0x2c, 0, 0, 0, 0, width & 255, width >> 8, height & 255, height >> 8, 0x00,
    0x02, 0x02, 0x44, 0x01, 0x00,
    0x3b,
  ]);
}

/** `png` with chunks of `type` and `body` inserted after its header (IHDR); their checksums are not computed. */
export function withPngChunk(png: Uint8Array, type: string, body: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + body.length);
  new DataView(chunk.buffer).setUint32(0, body.length);
  chunk.set(new TextEncoder().encode(type), 4);
  chunk.set(body, 8);
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, 33));
  out.set(chunk, 33);
  out.set(png.subarray(33), 33 + chunk.length);
  return out;
}
