import { expect } from '@open-wc/testing';
import { readImageHeader, readImageSize, sniffImageType } from './image-header.js';

/** A real image of `width` x `height` encoded by the browser. */
async function encoded(type: string, width: number, height: number, options: { opaque?: boolean; quality?: number } = {}): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2d context');
  if (options.opaque !== false) {
    context.fillStyle = '#c0ffee';
    context.fillRect(0, 0, width, height);
  }
  const blob = await canvas.convertToBlob({ type, quality: options.quality ?? 0.8 });
  expect(blob.type).to.equal(type);
  return new Uint8Array(await blob.arrayBuffer());
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
const le16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const le24 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const le32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const be16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];

/** A WebP whose first chunk is `chunk` with `payload`, padded so that no reader runs short. */
function webp(chunk: string, payload: number[]): Uint8Array {
  const body = [...ascii('WEBP'), ...ascii(chunk), ...le32(payload.length), ...payload, 0, 0, 0, 0];
  return new Uint8Array([...ascii('RIFF'), ...le32(body.length), ...body]);
}

/** A JPEG with the given segments after SOI. */
function jpeg(...segments: number[][]): Uint8Array {
  return new Uint8Array([0xff, 0xd8, ...segments.flat()]);
}
const segment = (marker: number, payload: number[]): number[] => [0xff, marker, ...be16(payload.length + 2), ...payload];
const frame = (marker: number, width: number, height: number): number[] => segment(marker, [8, ...be16(height), ...be16(width), 3, 1, 0x22, 0]);

describe('image headers', function () {
  describe('sniffing the type from the magic bytes', function () {
    it('knows JPEG, PNG and WebP as the browser encodes them', async function () {
      expect(sniffImageType(await encoded('image/jpeg', 4, 3))).to.equal('image/jpeg');
      expect(sniffImageType(await encoded('image/png', 4, 3))).to.equal('image/png');
      expect(sniffImageType(await encoded('image/webp', 4, 3))).to.equal('image/webp');
    });

    it('knows nothing else: GIF, SVG, an executable, a RIFF that is no WebP, an empty file', function () {
      const samples = [
        new Uint8Array([...ascii('GIF89a'), 1, 0, 1, 0, 0, 0, 0]),
        new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
        new Uint8Array([...ascii('MZ'), 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]),
        new Uint8Array([0x7f, ...ascii('ELF'), 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVEfmt ')]),
        new Uint8Array(0),
        new Uint8Array([0xff, 0xd8]),
      ];
      for (const sample of samples) expect(sniffImageType(sample)).to.equal(null);
    });
  });

  describe('reading the size without decoding', function () {
    const sizes: [number, number][] = [[1, 1], [37, 23], [640, 480], [23, 301]];

    for (const type of ['image/jpeg', 'image/png', 'image/webp'] as const) {
      it(`reads the width and height of ${type} images the browser encoded`, async function () {
        for (const [width, height] of sizes) {
          expect(readImageHeader(await encoded(type, width, height)), `${width}x${height}`).to.deep.equal({ contentType: type, width, height });
        }
      });
    }

    it('reads lossless (VP8L) and transparent WebP as the browser encodes them', async function () {
      const lossless = await encoded('image/webp', 301, 17, { quality: 1 });
      const transparent = await encoded('image/webp', 64, 48, { opaque: false });
      expect(readImageSize(lossless, 'image/webp')).to.deep.equal({ width: 301, height: 17 });
      expect(readImageSize(transparent, 'image/webp')).to.deep.equal({ width: 64, height: 48 });
    });

    it('reads each WebP kind from its first chunk: lossy VP8, lossless VP8L and extended VP8X', function () {
      const lossy = webp('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(1234 | 0x4000), ...le16(567 | 0x8000)]);
      const bits = (4000 - 1) | ((3000 - 1) << 14);
      const lossless = webp('VP8L', [0x2f, ...le32(bits)]);
      const extended = webp('VP8X', [0x10, 0, 0, 0, ...le24(16383), ...le24(99999)]);
      expect(readImageSize(lossy, 'image/webp'), 'VP8, scale bits ignored').to.deep.equal({ width: 1234, height: 567 });
      expect(readImageSize(lossless, 'image/webp')).to.deep.equal({ width: 4000, height: 3000 });
      expect(readImageSize(extended, 'image/webp')).to.deep.equal({ width: 16384, height: 100000 });
    });

    it('walks JPEG segments to the first frame header: progressive, after fill bytes and application data', function () {
      const progressive = jpeg(segment(0xe0, ascii('JFIF\0')), segment(0xc4, [0, 1, 2]), frame(0xc2, 4032, 3024));
      const padded = jpeg([0xff, 0xff], segment(0xe1, ascii('Exif\0\0xxxx')), [0xff], frame(0xc0, 800, 600));
      const lossless = jpeg(frame(0xc3, 17, 9));
      expect(readImageSize(progressive, 'image/jpeg')).to.deep.equal({ width: 4032, height: 3024 });
      expect(readImageSize(padded, 'image/jpeg')).to.deep.equal({ width: 800, height: 600 });
      expect(readImageSize(lossless, 'image/jpeg')).to.deep.equal({ width: 17, height: 9 });
    });

    it('does not take a Huffman table (C4), JPG (C8) or arithmetic table (CC) segment for a frame', function () {
      for (const marker of [0xc4, 0xc8, 0xcc]) {
        const misleading = jpeg(segment(marker, [8, ...be16(99), ...be16(99), 3]), frame(0xc0, 12, 34));
        expect(readImageSize(misleading, 'image/jpeg'), marker.toString(16)).to.deep.equal({ width: 12, height: 34 });
      }
    });

    it('returns the stated size as it is, zero and huge included, for the caller to judge', async function () {
      const png = await encoded('image/png', 8, 8);
      const view = new DataView(png.buffer);
      view.setUint32(16, 30_000);
      view.setUint32(20, 0);
      expect(readImageSize(png, 'image/png')).to.deep.equal({ width: 30_000, height: 0 });
    });

    it('gives up on headers that are truncated or not what the type says', async function () {
      const png = await encoded('image/png', 8, 8);
      const jpg = await encoded('image/jpeg', 8, 8);
      const broken = [
        ['PNG cut in the IHDR', png.subarray(0, 20), 'image/png'],
        ['PNG whose first chunk is not IHDR', png.map((b, i) => (i === 12 ? 0x58 : b)), 'image/png'],
        ['JPEG cut before its frame', jpg.subarray(0, 12), 'image/jpeg'],
        ['JPEG with scan data before any frame', jpeg(segment(0xda, [1, 2, 3])), 'image/jpeg'],
        ['JPEG that ends before any frame', jpeg([0xff, 0xd9]), 'image/jpeg'],
        ['JPEG with garbage where a marker belongs', jpeg([0x12, 0x34, 0x56, 0x78]), 'image/jpeg'],
        ['JPEG segment length below 2', jpeg([0xff, 0xe0, 0x00, 0x01, 0, 0, 0, 0]), 'image/jpeg'],
        ['VP8 without its start code', webp('VP8 ', [0, 0, 0, 1, 2, 3, 0, 0, 0, 0]), 'image/webp'],
        ['VP8L without its signature', webp('VP8L', [0x00, 0, 0, 0, 0]), 'image/webp'],
        ['WebP with an unknown first chunk', webp('ALPH', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 'image/webp'],
        ['WebP cut after its signature', new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')]), 'image/webp'],
      ] as const;
      for (const [name, bytes, type] of broken) expect(readImageSize(bytes, type), name).to.equal(null);
    });

    it('reads only what the bytes hold: a view into a larger buffer', async function () {
      const png = await encoded('image/png', 5, 7);
      const larger = new Uint8Array(png.length + 10);
      larger.set(png, 10);
      expect(readImageHeader(larger.subarray(10))).to.deep.equal({ contentType: 'image/png', width: 5, height: 7 });
    });
  });
});
